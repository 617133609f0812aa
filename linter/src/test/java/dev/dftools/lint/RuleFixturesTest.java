package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.lint.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule's fixture: each {@code # expect:} must be found on its line, and the rule must
 * find nothing else in its fixture (missing AND unexpected findings fail).
 */
class RuleFixturesTest {

    private static final RuleRegistry REGISTRY = Rules.registry();
    private static final Linter LINTER = new Linter(REGISTRY);

    @TestFactory
    Stream<DynamicTest> everyRuleFindsExactlyWhatItsFixtureExpects() {
        return REGISTRY.metas().stream()
                .filter(meta -> Files.exists(RuleFixtures.dir(meta.code()).resolve("Dockerfile")))
                .map(meta -> DynamicTest.dynamicTest(meta.code() + " " + meta.slug(), () -> check(meta)));
    }

    private static void check(RuleMeta meta) {
        Path dir = RuleFixtures.dir(meta.code());
        String text = RuleFixtures.read(dir.resolve("Dockerfile"));
        Dockerfile file = Dockerfiles.parse(text);
        LintConfig config = FixtureConfig.load(dir).withAllRulesEnabled();
        BuildContext context = Files.isDirectory(dir.resolve("context")) ? new BuildContext(dir.resolve("context"))
                : null;
        List<String> actual = new ArrayList<>();
        for (Finding f : LINTER.lint(file, config, context)) {
            if (f.code().equals(meta.code()) || f.code().equals(Linter.INTERNAL_ERROR.code())) {
                actual.add(f.code() + "@" + f.range().startLine() + " " + f.message());
            }
        }
        List<String> expected = RuleFixtures.expectations(text).stream()
                .filter(e -> e.code().equals(meta.code()))
                .map(e -> e.code() + "@" + e.line())
                .sorted()
                .toList();
        List<String> found = actual.stream().map(a -> a.substring(0, a.indexOf(' '))).sorted().toList();
        assertEquals(expected, found, "findings of " + meta.code() + " in " + dir + ":\n" + String.join("\n", actual));
    }
}
