package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageRule;
import java.util.Optional;

/**
 * hadolint's DL3057 (off by default there too): an image without a HEALTHCHECK. Only stages that
 * no later stage builds on are images of their own; a HEALTHCHECK (also {@code HEALTHCHECK NONE})
 * in the stage or in a stage it is built {@code FROM} counts.
 */
@RuleInfo(code = "DF5206", slug = "healthcheck-missing", severity = Severity.INFO,
        summary = "The image has no HEALTHCHECK instruction.", aliases = {"DL3057"}, tags = {"healthcheck"},
        enabledByDefault = false)
public final class HealthcheckMissing implements StageRule {

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        if (analysis.isUsedAsBase(stage)) {
            return;
        }
        for (Optional<Stage> s = Optional.of(stage); s.isPresent(); s = analysis.parentStage(s.get())) {
            if (s.get().instructions().stream().anyMatch(i -> i instanceof Instruction.Healthcheck)) {
                return;
            }
        }
        out.report(stage.from().node().keyword().range(), "`HEALTHCHECK` instruction missing: add one (or "
                + "`HEALTHCHECK NONE`) so the container runtime can tell whether the container works.");
    }
}
