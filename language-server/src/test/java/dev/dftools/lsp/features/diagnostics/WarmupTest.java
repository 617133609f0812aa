package dev.dftools.lsp.features.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.rules.Rules;
import dev.dftools.lsp.settings.DflsSettings;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void theSampleExercisesManyRules() {
        var file = Dockerfiles.parse(Warmup.sample());
        assertTrue(file.errors().isEmpty(), file.errors().toString());
        assertEquals(5, file.stages().size());
        Set<String> codes = new java.util.HashSet<>();
        new Linter(Rules.registry()).lint(file, LintConfig.defaults(), null).forEach(f -> codes.add(f.code()));
        assertTrue(codes.size() >= 10, "rules with findings on the sample: " + codes);
    }

    @Test
    void theSampleConfigurationIsReadAsAConfigurationFileIsAndIgnoresNoRule() {
        LintConfig config = Warmup.config();
        assertEquals(java.util.List.of("docker.io"), config.trustedRegistries());
        assertEquals(java.util.Map.of("maintainer", "text"), config.labelSchema());
        assertEquals(LintConfig.defaults().ignored(), config.ignored());
    }

    @Test
    void stopsWhenAsked() {
        AtomicInteger asked = new AtomicInteger();
        int rounds = Warmup.run(new DocumentLinter(), DflsSettings.defaults(), () -> asked.incrementAndGet() > 3);
        assertEquals(3, rounds);
    }
}
