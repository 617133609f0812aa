package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every BuildKit build check (shared/reference/buildkit-checks.md) answers to a dflint rule, whose
 * fixture has positives and negatives (RuleFixturesTest runs them), and BuildKit's configuration
 * syntax works: # check=skip=, per-instruction # check= comments, experimental=.
 */
class BuildKitChecksTest {

    private static final RuleRegistry REGISTRY = Rules.registry();
    private static final Linter LINTER = new Linter(REGISTRY);

    static List<String> checkNames() throws IOException {
        String md = Files.readString(Shared.path("reference", "buildkit-checks.md"));
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| ([A-Z][A-Za-z]+) \\|").matcher(md);
        while (m.find()) {
            if (!m.group(1).equals("Rule")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void everyBuildKitCheckHasARuleWithAFixture() throws IOException {
        Map<String, String> missing = HadolintConformanceTest.tsv("/buildkit-checks-not-implemented.tsv");
        List<String> names = checkNames();
        List<String> problems = new ArrayList<>();
        int covered = 0;
        for (String name : names) {
            var codes = REGISTRY.resolve(name);
            if (codes.isEmpty()) {
                if (!missing.containsKey(name)) {
                    problems.add(name + ": no rule answers to it");
                }
                continue;
            }
            covered++;
            for (String code : codes) {
                if (!RuleFixtures.read(RuleFixtures.dir(code).resolve("Dockerfile")).contains("# expect: " + code)) {
                    problems.add(name + " -> " + code + ": fixture has no positive case");
                }
            }
        }
        System.out.printf("buildkit checks: %d/%d have a dflint rule (%d listed as not implemented)%n", covered,
                names.size(), missing.size());
        assertEquals(22, names.size(), "the reference lists 22 checks: " + names);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static List<String> codes(String dockerfile) {
        return LINTER.lint(Dockerfiles.parse(dockerfile), LintConfig.defaults(), null).stream()
                .map(Finding::code).toList();
    }

    @Test
    void checkDirectiveSkipsByBuildKitName() {
        String body = "FROM alpine:3.20 as build\nCMD echo hi\n";
        assertTrue(codes(body).contains("DF2011"), "FromAsCasing fires without the directive");
        List<String> skipped = codes("# check=skip=FromAsCasing\n" + body);
        assertTrue(!skipped.contains("DF2011") && skipped.contains("DF5201"), skipped.toString());
        List<String> all = codes("# check=skip=all\n" + body);
        assertTrue(!all.contains("DF2011") && !all.contains("DF5201"), all.toString());
        // names are case-sensitive in BuildKit
        assertTrue(codes("# check=skip=fromascasing\n" + body).contains("DF2011"));
    }

    @Test
    void checkErrorTrueMakesBuildKitChecksErrors() {
        var findings = LINTER.lint(Dockerfiles.parse("# check=error=true\nFROM alpine:3.20 as build\n"),
                LintConfig.defaults(), null);
        var casing = findings.stream().filter(f -> f.code().equals("DF2011")).findFirst().orElseThrow();
        assertEquals(Severity.ERROR, casing.severity());
    }

    @Test
    void perInstructionCheckCommentSkipsThatInstructionOnly() {
        String text = "FROM alpine:3.20\n# check=skip=JSONArgsRecommended\nCMD echo one\nENTRYPOINT echo two\n";
        var findings = LINTER.lint(Dockerfiles.parse(text), LintConfig.defaults(), null).stream()
                .filter(f -> f.code().equals("DF5201")).map(f -> f.range().startLine()).toList();
        assertEquals(List.of(4), findings);
    }

    @Test
    void experimentalChecksAreOffUntilEnabledByTheDirective() {
        String body = "# check=experimental=InvalidDefinitionDescription\n"
                + "# the base image\nARG BASE=alpine:3.20\nFROM $BASE\n";
        String off = body.substring(body.indexOf('\n') + 1);
        assertTrue(!codes(off).contains("DF5216"), codes(off).toString());
        assertTrue(codes(body).contains("DF5216"), codes(body).toString());
    }
}
