package dev.dftools.lint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.Finding;
import dev.dftools.lint.rules.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up only helps if its sample exercises the grammar and the rules without failing. */
class WarmupTest {

    @Test
    void sampleParsesCleanlyAndLintsWithoutInternalErrorsOrShellCheck() {
        assertEquals(List.of(), Dockerfiles.parse(Warmup.SAMPLE).errors());
        List<Finding> findings = Warmup.lintSample(Rules.registry());
        assertFalse(findings.isEmpty(), "the sample should make rules report, so their reporting code runs too");
        assertTrue(findings.stream().noneMatch(f -> f.code().equals("DF0000")), findings::toString);
        assertTrue(findings.stream().noneMatch(f -> f.code().equals("DF3900") || f.code().startsWith("SC")),
                "batch rules (ShellCheck) must not run in the warm-up");
    }
}
