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
    private static final Map<String, String> DISAGREEMENTS = Map.of(
            "ShellcheckSpec.hs:99:onbuild", "ONBUILD RUN uses the SHELL in force (image config), not /bin/sh");

    @BeforeEach
    void needShellcheck() {
        Assumptions.assumeTrue(ShellCheckRunner.find() != null,
                "shellcheck is not on PATH: DF3900 is off; install it (apt-get install shellcheck) to run these tests");
    }

    @Test
    void hadolintShellcheckCasesAgree() throws IOException {
        Path cases = Path.of(System.getProperty("dftools.shared", "../../shared"), "conformance", "hadolint-cases",
                "cases.jsonl");
        ObjectMapper json = new ObjectMapper();
        int agree = 0;
        int total = 0;
        List<String> unexpected = new ArrayList<>();
        for (String line : Files.readAllLines(cases)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            if (!n.get("rule").asText().startsWith("SC")) {
                continue;
            }
            boolean onbuild = n.get("onbuild").asBoolean();
            String id = n.get("source").asText().replaceAll(".*/", "") + ":" + n.get("source_line").asInt()
                    + (onbuild ? ":onbuild" : "");
            String text = n.get("dockerfile").asText() + "\n";
            if (onbuild) {
                text = text.replaceAll("(?m)^RUN ", "ONBUILD RUN ");
            }
            LintConfig config = LintConfig.defaults();
            if (n.has("config")) {
                List<String> ignored = new ArrayList<>();
                n.get("config").path("ignoreRules").forEach(r -> ignored.add(r.asText()));
                config = new LintConfig(Set.copyOf(ignored), Map.of(), List.of(), Map.of(), false,
                        config.failureThreshold(), false, false, Set.of());
            }
            List<Finding> found = ShellLint.lint(text, "DF3900", config);
            boolean catches = n.get("expect").asText().equals("catches");
            boolean ok = catches ? !found.isEmpty() : found.isEmpty();
            total++;
            if (ok) {
                agree++;
            } else if (!DISAGREEMENTS.containsKey(id)) {
                unexpected.add(id + " expected " + (catches ? "a finding" : "none") + ", got " + found.stream()
                        .map(Finding::message).toList() + ":\n" + text);
            }
        }
        System.out.printf("hadolint ShellCheck cases: %d/%d agree (%d listed disagreements)%n", agree, total,
                DISAGREEMENTS.size());
        assertTrue(unexpected.isEmpty(), String.join("\n", unexpected));
        assertEquals(total, agree + DISAGREEMENTS.size(), "a listed disagreement now agrees");
    }

    @Test
    void rangeIsTheWordShellcheckNamesAcrossContinuations() {
        String text = "FROM debian:12\nARG VERSION\nRUN echo \"$VERSION\" \\\n    && echo $unset_var\n";
        List<Finding> found = ShellLint.lint(text, "DF3900");
        Finding sc2086 = found.stream().filter(f -> f.message().startsWith("SC2086")).findFirst()
                .orElseThrow(() -> new AssertionError(found.toString()));
        assertEquals("$unset_var", ShellLint.covered(text, sc2086));
        assertEquals(4, sc2086.range().startLine());
        assertEquals("FROM debian:12\nARG VERSION\nRUN echo \"$VERSION\" \\\n    && echo \"$unset_var\"\n",
                ShellLint.applyFix(text, sc2086));
        assertTrue(found.stream().anyMatch(f -> f.message().startsWith("SC2154 (warning): unset_var")),
                found.toString());
    }

    @Test
    void heredocBodiesAreChecked() {
        String text = "FROM debian:12\nRUN <<EOF\nset -e\nfor f in $(ls /etc); do echo $f; done\nEOF\n";
        List<Finding> found = ShellLint.lint(text, "DF3900");
        Finding sc2045 = found.stream().filter(f -> f.message().startsWith("SC2045")).findFirst().orElseThrow();
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
}
