package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A flag the instruction does not have ({@code COPY --chwon=…}, {@code WORKDIR --x}). BuildKit
 * stops at the first with "unknown flag: --x"; dflint reports each, with BuildKit's suggestion.
 */
@RuleInfo(code = "DF1010", slug = "unknown-flag", severity = Severity.ERROR,
        summary = "The instruction has no such flag; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class UnknownFlag implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Optional<Map<String, BuildKitFlags.Type>> declared = BuildKitFlags.declared(instruction, analysis.dockerfile());
        if (declared.isEmpty()) {
            return;
        }
        for (Flag flag : instruction.flags()) {
            if (declared.get().containsKey(flag.name())) {
                continue;
            }
            String message = "unknown flag: --" + flag.name();
            Optional<String> suggestion = Suggestions.closest(flag.name(), declared.get().keySet());
            if (suggestion.isPresent()) {
                message += " (did you mean --" + suggestion.get() + "?)";
            } else if (declared.get().isEmpty()) {
                message += " (" + instruction.node().keyword().value().toUpperCase(Locale.ROOT) + " takes no flags)";
            } else {
                message += " (" + instruction.node().keyword().value().toUpperCase(Locale.ROOT) + " accepts --"
                        + String.join(", --", declared.get().keySet()) + ")";
            }
            out.report(flag.range(), message);
        }
    }
}
