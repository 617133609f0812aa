package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.regex.Pattern;

/**
 * SHELL takes only the exec (JSON) form. The fix writes the JSON array when the words are plain
 * (no quotes, escapes or variables), so splitting them on white space is exactly what was meant.
 */
@RuleInfo(code = "DF1017", slug = "shell-not-json", severity = Severity.ERROR,
        summary = "SHELL must be written as a JSON array; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class ShellNotJson implements InstructionRule, StageLocal {

    private static final Pattern PLAIN = Pattern.compile("[^\"'\\\\`$\\[\\]]+");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Shell shell) || !(shell.command() instanceof Command.ShellForm form)
                || form.script().value().isBlank()) {
            return;
        }
        String script = form.script().value().strip();
        Fix fix = null;
        if (PLAIN.matcher(script).matches() && form.script().range().startLine() == form.script().range().endLine()) {
            StringBuilder json = new StringBuilder("[");
            for (String word : script.split("\\s+")) {
                json.append(json.length() > 1 ? ", " : "").append('"').append(word).append('"');
            }
            fix = Fix.of("Write it as a JSON array", new TextEdit(form.script().range(), json.append(']').toString()));
        }
        out.report(form.script().range(), "SHELL requires the arguments to be in JSON form, e.g. SHELL "
                + "[\"/bin/bash\", \"-c\"]", fix);
    }
}
