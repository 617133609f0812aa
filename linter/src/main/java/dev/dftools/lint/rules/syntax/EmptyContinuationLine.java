package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;

/** A blank line inside a {@code \} continuation: BuildKit skips it today and warns it will become an error. */
@RuleInfo(code = "DF1002", slug = "empty-continuation-line", severity = Severity.WARNING,
        summary = "A blank line inside a line continuation will become an error in a future BuildKit release.",
        aliases = {"NoEmptyContinuation"}, tags = {"syntax", "buildkit"})
public final class EmptyContinuationLine implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        LineIndex lines = analysis.dockerfile().lines();
        for (SourceRange blank : instruction.node().emptyContinuationLines()) {
            int line = blank.startLine();
            int start = lines.lineStart(line);
            int end = line < lines.lineCount() ? lines.lineStart(line + 1) : lines.length();
            SourceRange whole = lines.range(start, end);
            out.report(blank.isEmpty() ? lines.range(start, start) : blank, "Empty continuation line",
                    Fix.of("Delete the empty line", new TextEdit(whole, "")));
        }
    }

    /** An ONBUILD trigger's lines are its ONBUILD's, already looked at. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
