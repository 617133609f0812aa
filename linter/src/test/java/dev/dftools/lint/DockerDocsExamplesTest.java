package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.rules.Rules;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The seed examples of the Docker docs behave as users expect: the redis build with eight
 * separate RUNs gets the layer-bloat and cleanup findings on the right lines; the same build as
 * one chained RUN with cleanup gets none of them; COPY ../x is outside the build context.
 */
class DockerDocsExamplesTest {

    private static final Path DIR = Path.of("src/test/resources/docker-docs");
    private static final Linter LINTER = new Linter(Rules.registry());
    /** The layer and cleanup rules this example is about. */
    private static final Set<String> LAYER_AND_CLEANUP = Set.of("DF3509", "DF3508", "DF3510", "DF3511", "DF3512",
            "DF3009", "DF3015", "DF3100", "DF3102");

    /** The README's example is the eight-RUN build itself. */
    private static final Path README_EXAMPLE = Path.of("../docs/examples/Dockerfile");

    private static List<Finding> lint(String example, BuildContext context) {
        Path file = example.equals("eight-runs") ? README_EXAMPLE : DIR.resolve(example).resolve("Dockerfile");
        String text = RuleFixtures.read(file);
        return LINTER.lint(Dockerfiles.parse(text), LintConfig.defaults(), context);
    }

    private static Set<String> at(List<Finding> findings, int line) {
        return findings.stream().filter(f -> f.range().startLine() == line).map(Finding::code)
                .collect(Collectors.toSet());
    }

    @Test
    void eightSeparateRunsGetLayerBloatAndCleanupFindingsOnTheRightLines() {
        List<Finding> findings = lint("eight-runs", null);
        findings.forEach(f -> System.out.println("  eight-runs " + f.range().start() + " " + f.code() + " " + f.message()));
        // line 9: RUN apt-get update — first of 8 consecutive RUNs, and an update alone in its layer
        assertTrue(at(findings, 9).containsAll(Set.of("DF3509", "DF3511")), at(findings, 9).toString());
        Finding bloat = findings.stream().filter(f -> f.code().equals("DF3509")).findFirst().orElseThrow();
        assertTrue(bloat.message().contains("8"), bloat.message());
        assertTrue(bloat.fix() != null, "merging the RUNs is offered as a fix");
        // line 10: apt-get install without --no-install-recommends, lists never removed
        assertTrue(at(findings, 10).containsAll(Set.of("DF3015")), at(findings, 10).toString());
        assertTrue(findings.stream().anyMatch(f -> f.code().equals("DF3009")), "apt lists left in the image");
        // line 16: rm of files earlier layers added: the bytes stay in the image
        assertTrue(at(findings, 16).contains("DF3510"), at(findings, 16).toString());
    }

    @Test
    void oneChainedRunWithCleanupGetsNeither() {
        List<Finding> findings = lint("one-run", null);
        List<String> layerOrCleanup = findings.stream().map(Finding::code).filter(LAYER_AND_CLEANUP::contains).toList();
        assertEquals(List.of(), layerOrCleanup, findings.toString());
    }

    @Test
    void copyFromOutsideTheContextIsAnError() {
        List<Finding> findings = lint("outside-context", new BuildContext(DIR.resolve("outside-context/context")));
        Finding outside = findings.stream().filter(f -> f.code().equals("DF4004")).findFirst().orElseThrow(
                () -> new AssertionError(findings.toString()));
        assertEquals(Severity.ERROR, outside.severity());
        assertEquals(2, outside.range().startLine());
        assertEquals(6, outside.range().start().column(), "the range is the ../x source word");
    }
}
