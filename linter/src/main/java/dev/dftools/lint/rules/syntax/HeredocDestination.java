package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code COPY src <<EOF}: a heredoc can be a COPY/ADD source, never the destination. */
@RuleInfo(code = "DF1016", slug = "heredoc-destination", severity = Severity.ERROR,
        summary = "A heredoc cannot be the destination of COPY or ADD; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class HeredocDestination implements InstructionRule, StageLocal {

    /** BuildKit's heredoc word shape: optional fd digits, {@code <<}, optional {@code -}, a delimiter. */
    private static final Pattern HEREDOC = Pattern.compile("^\\d*<<-?\\s*[^<\\s][^<]*$");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Word destination = null;
        if (instruction instanceof Instruction.Copy copy) {
            destination = copy.destination();
        } else if (instruction instanceof Instruction.Add add) {
            destination = add.destination();
        }
        if (destination != null && !instruction.node().json() && HEREDOC.matcher(destination.value()).matches()) {
            out.report(destination.range(), instruction.node().keyword().value().toUpperCase(Locale.ROOT)
                    + " cannot accept a heredoc as a destination");
        }
    }
}
