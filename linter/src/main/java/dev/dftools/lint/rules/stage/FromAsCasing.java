package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.Locale;

/**
 * BuildKit's FromAsCasing: {@code FROM x as y} or {@code from x AS y}. Like BuildKit, a FROM
 * keyword in mixed case is left to the instruction-casing check.
 */
@RuleInfo(code = "DF2011", slug = "from-as-casing", severity = Severity.WARNING,
        summary = "The case of the AS keyword does not match the case of FROM.", aliases = {"FromAsCasing"},
        tags = {"from", "style"})
public final class FromAsCasing implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from) || from.asKeyword() == null) {
            return;
        }
        String keyword = from.node().keyword().value();
        String as = from.asKeyword().value();
        boolean lower = keyword.equals(keyword.toLowerCase(Locale.ROOT));
        boolean upper = keyword.equals(keyword.toUpperCase(Locale.ROOT));
        if (!lower && !upper) {
            return;
        }
        String wanted = lower ? as.toLowerCase(Locale.ROOT) : as.toUpperCase(Locale.ROOT);
        if (!as.equals(wanted)) {
            out.report(from.asKeyword().range(), "'" + as + "' and '" + keyword + "' keywords' casing do not match",
                    Fix.of("Write '" + wanted + "'", new TextEdit(from.asKeyword().range(), wanted)));
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
