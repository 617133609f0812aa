package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lints the whole real-world corpus with every rule on: no rule may crash (an internal finding)
 * and the test prints how many findings each rule has over the corpus.
 */
class CorpusLintTest {

    @Test
    void corpusLintsWithoutInternalErrorsAndPrintsFindingsPerRule() throws IOException {
        Path root = Shared.path("corpus", "real-world");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("README.md")
                            && !p.getFileName().toString().equals("MANIFEST.tsv"))
                    .sorted().toList();
        }
        RuleRegistry registry = Rules.registry();
        Linter linter = new Linter(registry);
        LintConfig config = LintConfig.defaults().withAllRulesEnabled();
        Map<String, Integer> perRule = new TreeMap<>();
        Map<String, Integer> filesPerRule = new TreeMap<>();
        List<String> internal = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<Finding> findings = linter.lint(Dockerfiles.parse(text), config, null);
            total += findings.size();
            findings.stream().map(Finding::code).distinct().forEach(c -> filesPerRule.merge(c, 1, Integer::sum));
            for (Finding f : findings) {
                perRule.merge(f.code(), 1, Integer::sum);
                if (f.code().equals(Linter.INTERNAL_ERROR.code())) {
                    internal.add(root.relativize(file) + ": " + f.message());
                }
            }
        }
        System.out.printf("corpus lint: %d files, %d findings, %d rules fired%n", files.size(), total, perRule.size());
        System.out.println(perRule.entrySet().stream()
                .map(e -> String.format("  %-7s %-34s %6d findings in %3d files", e.getKey(),
                        registry.meta(e.getKey()).map(RuleMeta::slug).orElse(""), e.getValue(),
                        filesPerRule.get(e.getKey())))
                .collect(Collectors.joining("\n")));
        assertTrue(files.size() >= 500, "corpus too small: " + files.size());
        assertTrue(internal.isEmpty(), "rules crashed:\n" + String.join("\n", internal));
    }
}
