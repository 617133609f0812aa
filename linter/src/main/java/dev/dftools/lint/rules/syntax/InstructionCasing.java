package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.TextEdit;
import java.util.Locale;

/**
 * Keywords should share one casing. As in BuildKit: keywords that are all lower or all upper case
 * vote, upper case wins a tie, and every keyword not in the winning case is reported (mixed-case
 * ones always). Only top-level keywords count, not those of ONBUILD triggers.
 */
@RuleInfo(code = "DF1003", slug = "inconsistent-instruction-casing", severity = Severity.WARNING,
        summary = "Instruction keywords should all be upper case or all lower case.",
        aliases = {"ConsistentInstructionCasing"}, tags = {"style", "buildkit"})
public final class InstructionCasing implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        int lower = 0;
        int upper = 0;
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            String k = instruction.node().keyword().value();
            if (k.equals(k.toLowerCase(Locale.ROOT))) {
                lower++;
            } else if (k.equals(k.toUpperCase(Locale.ROOT))) {
                upper++;
            }
        }
        boolean majorityLower = lower > upper;
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            Word keyword = instruction.node().keyword();
            String k = keyword.value();
            String wanted = majorityLower ? k.toLowerCase(Locale.ROOT) : k.toUpperCase(Locale.ROOT);
            if (!k.equals(wanted)) {
                String casing = majorityLower ? "lowercase" : "uppercase";
                out.report(keyword.range(),
                        "Command '" + k + "' should match the case of the command majority (" + casing + ")",
                        Fix.of("Write '" + wanted + "'", new TextEdit(keyword.range(), wanted)));
            }
        }
    }
}
