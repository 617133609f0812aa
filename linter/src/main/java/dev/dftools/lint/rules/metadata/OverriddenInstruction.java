package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.StageRule;
import java.util.List;

/**
 * BuildKit's MultipleInstructionsDisallowed: of several CMD, ENTRYPOINT or HEALTHCHECK in one
 * stage, every one but the last is ignored; BuildKit reports those earlier ones. hadolint reports
 * the later ones, per kind (DL4003, DL4004, DL3012: {@link MultipleCmds}, {@link MultipleEntrypoints},
 * {@link MultipleHealthchecks}), so this is a separate rule.
 */
@RuleInfo(code = "DF5205", slug = "overridden-instruction", severity = Severity.WARNING,
        summary = "A CMD, ENTRYPOINT or HEALTHCHECK is overridden by a later one in the same stage and has no effect.",
        aliases = {"MultipleInstructionsDisallowed"}, tags = {"cmd", "entrypoint", "healthcheck", "buildkit"})
public final class OverriddenInstruction implements StageRule, StageLocal {

    private static final List<Class<? extends Instruction>> KINDS = List.of(
            Instruction.Cmd.class, Instruction.Entrypoint.class, Instruction.Healthcheck.class);

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        for (Class<? extends Instruction> kind : KINDS) {
            List<Instruction> all = RepeatedInstructions.ofKind(stage, kind);
            for (Instruction earlier : all.subList(0, Math.max(0, all.size() - 1))) {
                String name = earlier.node().keyword().value().toUpperCase(java.util.Locale.ROOT);
                out.report(earlier.node().keyword().range(), "Multiple " + name
                        + " instructions should not be used in the same stage because only the last one will be used");
            }
        }
    }
}
