package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;

/**
 * {@code EXPOSE 127.0.0.1:8080:80} or {@code EXPOSE 8080:80}: EXPOSE documents the container's
 * ports; publishing is decided at run time. BuildKit exposes only the container port already, so
 * the fix (keep {@code port[/proto]}) does not change the image.
 */
@RuleInfo(code = "DF5012", slug = "expose-invalid-format", severity = Severity.WARNING,
        summary = "EXPOSE should not define an IP address or a host-port mapping.",
        aliases = {"ExposeInvalidFormat"}, tags = {"expose", "buildkit"})
public final class ExposeInvalidFormat implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        for (ExposeSpec spec : ExposeSpec.of(instruction)) {
            if (spec.portStart() == 0) {
                continue; // no ':' at all
            }
            Fix fix = spec.port().isEmpty() ? null
                    : Fix.of("Keep only the container port '" + spec.containerPart() + "'",
                            new TextEdit(spec.word().range(), spec.containerPart()));
            out.report(spec.word().range(), "EXPOSE instruction should not define an IP address or host-port mapping, "
                    + "found '" + spec.text() + "'", fix);
        }
    }
}
