package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.TextEdit;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Keywords should share one casing. As in BuildKit: keywords that are all lower or all upper case
 * vote, upper case wins a tie, and every keyword not in the winning case is reported (mixed-case
 * ones always). Only top-level keywords count, not those of ONBUILD triggers.
 */
@RuleInfo(code = "DF1003", slug = "inconsistent-instruction-casing", severity = Severity.WARNING,
        summary = "Instruction keywords should all be upper case or all lower case.",
        aliases = {"ConsistentInstructionCasing"}, tags = {"style", "buildkit"})
public final class InstructionCasing implements InstructionRule, StageInflow {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        boolean majorityLower = majorityLower(analysis);
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

    /** The file's instructions only: an ONBUILD trigger's keyword is part of its ONBUILD line. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    /** The casing the whole file's majority decides. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        return majorityLower(analysis);
    }

    /** How many keywords are all lower case and all upper case. */
    private record Votes(int lower, int upper) {

        static Votes of(Iterable<Instruction> instructions) {
            int lower = 0;
            int upper = 0;
            for (Instruction instruction : instructions) {
                String k = instruction.node().keyword().value();
                if (isAllOneCase(k, false)) {
                    lower++;
                } else if (isAllOneCase(k, true)) {
                    upper++;
                }
            }
            return new Votes(lower, upper);
        }
    }

    /**
     * Whether more of the file's keywords are all lower case than all upper case (counted once per
     * file, from each stage's votes, kept while its text is unchanged).
     */
    private static boolean majorityLower(Analysis analysis) {
        return analysis.memo(InstructionCasing.class, Boolean.class, a -> {
            Votes preamble = Votes.of(a.dockerfile().preamble());
            int lower = preamble.lower();
            int upper = preamble.upper();
            for (Stage stage : a.stages()) {
                Votes votes = a.stageFact(stage, Votes.class, Votes.class, s -> Votes.of(s.instructionsWithFrom()));
                lower += votes.lower();
                upper += votes.upper();
            }
            return lower > upper;
        });
    }

    /**
     * {@code k.equals(k.toLowerCase(Locale.ROOT))} (or toUpperCase), without making a string for
     * ASCII keywords (every edit asks).
     */
    private static boolean isAllOneCase(String k, boolean upper) {
        char from = upper ? 'a' : 'A';
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c >= 0x80) {
                return k.equals(upper ? k.toUpperCase(Locale.ROOT) : k.toLowerCase(Locale.ROOT));
            }
            if (c >= from && c <= from + 25) {
                return false;
            }
        }
        return true;
    }
}
