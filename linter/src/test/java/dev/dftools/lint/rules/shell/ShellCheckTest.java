package dev.dftools.lint.rules.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DF3900 with the real shellcheck binary; skipped (with a message) when it is not on PATH. Runs
 * hadolint's ShellCheck cases (rule {@code SC*} in cases.jsonl) and checks ranges, fixes, ignores.
 */
class ShellCheckTest {

    /**
     * hadolint cases where dflint differs on purpose. ShellcheckSpec:99 onbuild: hadolint checks an
     * ONBUILD RUN as /bin/sh although a SHELL precedes it; the child build inherits that SHELL via
     * the image config, so dflint checks it as bash and $RANDOM is fine.
     */
    @BeforeEach
    void needShellcheck() {
        Assumptions.assumeTrue(ShellCheckRunner.find() != null,
                "shellcheck is not on PATH: DF3900 is off; install it (apt-get install shellcheck) to run these tests");
    }

    @Test
    void rangeIsTheWordShellcheckNamesAcrossContinuations() {
        String text = "FROM debian:12\nARG VERSION\nRUN echo \"$VERSION\" \\\n    && echo $unset_var\n";
        List<Finding> found = ShellLint.lint(text, "DF3900");
        Finding sc2086 = found.stream().filter(f -> f.code().equals("SC2086")).findFirst()
                .orElseThrow(() -> new AssertionError(found.toString()));
        assertEquals("$unset_var", ShellLint.covered(text, sc2086));
        assertEquals(4, sc2086.range().startLine());
        assertEquals("FROM debian:12\nARG VERSION\nRUN echo \"$VERSION\" \\\n    && echo \"$unset_var\"\n",
                ShellLint.applyFix(text, sc2086));
        assertTrue(found.stream().anyMatch(f -> f.code().equals("SC2154") && f.severity() == dev.dftools.lint.Severity.WARNING && f.message().startsWith("unset_var")),
                found.toString());
    }

    @Test
    void heredocBodiesAreChecked() {
        String text = "FROM debian:12\nRUN <<EOF\nset -e\nfor f in $(ls /etc); do echo $f; done\nEOF\n";
        List<Finding> found = ShellLint.lint(text, "DF3900");
        Finding sc2045 = found.stream().filter(f -> f.code().equals("SC2045")).findFirst().orElseThrow();
        assertEquals(4, sc2045.range().startLine());
        assertEquals("$(ls /etc)", ShellLint.covered(text, sc2045));
    }

    @Test
    void scCodesCanBeIgnored() {
        String text = "FROM debian:12\n# hadolint ignore=SC2086,SC2154\nRUN echo $foo\nRUN echo $bar\n";
        List<Finding> found = ShellLint.lint(text, "DF3900");
        assertTrue(found.stream().allMatch(f -> f.range().startLine() == 4), found.toString());
        assertEquals(2, found.size(), found.toString());
        LintConfig config = new LintConfig(Set.of("SC2086", "SC2154"), Map.of(), List.of(), Map.of(), false,
                LintConfig.defaults().failureThreshold(), false, false, Set.of());
        assertTrue(ShellLint.lint(text, "DF3900", config).isEmpty());
        String global = "# hadolint global ignore=SC2086\nFROM debian:12\nRUN echo $HOME\n";
        assertTrue(ShellLint.lint(global, "DF3900").isEmpty());
    }

    @Test
    void aScriptCheckedBeforeIsNotSentToShellcheckAgain() {
        // unique scripts: no other test has sent them
        String marker = "x" + System.nanoTime();
        String text = "FROM debian:12\nRUN echo $" + marker + "a\nRUN echo $" + marker + "b\n";
        long before = ShellCheckRunner.scriptsSent();
        List<Finding> first = ShellLint.lint(text, "DF3900");
        assertEquals(2, ShellCheckRunner.scriptsSent() - before, "both scripts are checked the first time");
        assertTrue(first.stream().anyMatch(f -> f.code().equals("SC2086")), first.toString());

        // the same file again, and then with one RUN changed and a line added above them all
        before = ShellCheckRunner.scriptsSent();
        assertEquals(first, ShellLint.lint(text, "DF3900"));
        assertEquals(0, ShellCheckRunner.scriptsSent() - before, "nothing new to check");
        String edited = "FROM debian:12\n# a comment\nRUN echo $" + marker + "a\nRUN echo \"$" + marker + "b\"\n";
        before = ShellCheckRunner.scriptsSent();
        List<Finding> second = ShellLint.lint(edited, "DF3900");
        assertEquals(1, ShellCheckRunner.scriptsSent() - before, "only the changed RUN is checked");
        assertEquals(List.of(3), second.stream().filter(f -> f.code().equals("SC2086"))
                .map(f -> f.range().startLine()).toList(), "the kept finding moved with its RUN: " + second);
    }

    @Test
    void onlyTheVariablesThatCanChangeTheFindingsAreExported() {
        var vars = new java.util.LinkedHashSet<>(List.of("UNRELATED_NAME", "B_DIR", "HTTP_PROXY", "Mode", "QQQQQQQQ"));
        // named, two edits from a word the script uses (a possible suggestion), same name in another case
        assertEquals("export B_DIR=1\nexport HTTP_PROXY=1\nexport Mode=1\n",
                ScriptExports.of(vars, "echo ${B_DIR}/x \"$RTTP_PROX\" $MODE"));
        String text = "FROM debian:12\nARG UNUSED_VARIABLE\nARG MY_VARIABLE\nRUN echo \"$MY_VARIABL\" \"$unset_var\"\n";
        List<Finding> found = ShellLint.lint(text, "DF3900");
        assertTrue(found.stream().anyMatch(f -> f.code().equals("SC2153") && f.message().contains("MY_VARIABLE")),
                found.toString());
        assertTrue(found.stream().anyMatch(f -> f.code().equals("SC2154") && f.message().startsWith("unset_var")),
                found.toString());
    }
}
