package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Linter#runRuleOnPart} over the parts of a file, in file order, finds exactly what
 * {@link Linter#runRule} finds over the whole file, for every {@link StageLocal} and
 * {@link StageInflow} rule: over each rule's fixture and the real-world corpus.
 */
class PerPartRulesTest {

    private static final Linter LINTER = new Linter(Rules.registry());

    @Test
    void thePartsFindWhatTheWholeFileFinds() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/rules"))) {
            s.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().forEach(files::add);
        }
        Path corpus = Shared.path("corpus", "real-world");
        try (Stream<Path> s = Files.walk(corpus)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().matches("README.md|MANIFEST.tsv"))
                    .sorted().forEach(files::add);
        }
        List<String> perPart = LINTER.registry().metas().stream().map(RuleMeta::code)
                .filter(code -> Linter.runsPerPart(LINTER.registry().rule(code))).toList();
        int withFindings = 0;
        for (Path path : files) {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            Analysis analysis = new Analysis(Dockerfiles.parse(text), LintConfig.defaults().withAllRulesEnabled());
            for (String code : perPart) {
                Linter.RuleRun whole = LINTER.runRule(code, analysis, null);
                List<Finding> parts = new ArrayList<>(LINTER.runRuleOnPart(code, analysis, null).findings());
                for (Stage stage : analysis.stages()) {
                    parts.addAll(LINTER.runRuleOnPart(code, analysis, stage).findings());
                }
                assertEquals(whole.findings(), parts, code + " on " + path);
                withFindings += whole.findings().isEmpty() ? 0 : 1;
            }
        }
        assertTrue(files.size() > 500, "the fixtures and the corpus were read: " + files.size());
        assertTrue(perPart.contains("DF5215") && perPart.contains("DF3033"), "UndefinedVar and YumUnpinned run per part");
        assertTrue(withFindings > 1000, "the rules found something to compare: " + withFindings);
    }
}
