package dev.dftools.lsp.features.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.rules.Rules;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.settings.DflsSettings;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The first lint of a document (one whole-file pass) and the incremental ones after it find the same as dflint. */
class DocumentLinterTest {

    private static final Linter FULL = new Linter(Rules.registry());

    @Test
    void theFirstLintAndTheEditsAfterItFindWhatAFullLintFinds() {
        DocumentLinter linter = new DocumentLinter();
        DflsSettings settings = DflsSettings.defaults();
        LintSetup setup = new LintSetup(LintSetups.withSettings(LintConfig.defaults(), settings), null, settings, null);
        LintConfig withoutShellCheck = new LintConfig(Set.of(DocumentLinter.SHELLCHECK), setup.config().overrides(),
                setup.config().trustedRegistries(), setup.config().labelSchema(), setup.config().strictLabels(),
                setup.config().failureThreshold(), setup.config().noFail(), setup.config().disableIgnorePragma(),
                setup.config().enabled());
        String text = Warmup.sample();
        for (int version = 1; version <= 30; version++) {
            // a '#' typed and removed in the middle stage: the first lint, then (once the cache is
            // filled in the background, or before) incremental ones
            String current = version % 2 == 1 ? text : text.replace("USER root\n", "USER root\n#\n");
            DocumentSnapshot snapshot = DocumentSnapshot.parse("file:///w/Dockerfile", version, current);
            var found = linter.lint(snapshot, setup);
            assertEquals(FULL.lint(snapshot.ast(), withoutShellCheck, null), found, "version " + version);
            assertFalse(found.isEmpty());
        }
        linter.forget("file:///w/Dockerfile");
    }
}
