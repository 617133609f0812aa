package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.Locale;

/**
 * Only ARG may come before the first FROM; BuildKit fails anything else with "no build stage in
 * current context", and hadolint's DL3061 reports the same instructions.
 */
@RuleInfo(code = "DF1004", slug = "instruction-before-from", severity = Severity.ERROR,
        summary = "An instruction other than ARG comes before the first FROM.", aliases = {"DL3061"},
        tags = {"syntax", "buildkit-error"})
public final class InstructionBeforeFrom implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        for (Instruction instruction : analysis.dockerfile().preamble()) {
            if (instruction instanceof Instruction.Arg || instruction instanceof Instruction.Unknown
                    || instruction instanceof Instruction.Invalid) {
                continue; // ARGs are meta args; broken lines are already syntax errors
            }
            String keyword = instruction.node().keyword().value().toUpperCase(Locale.ROOT);
            out.report(instruction.node().keyword().range(), keyword
                    + " before the first FROM: no build stage in current context (only ARG may come before FROM)");
        }
    }
}
