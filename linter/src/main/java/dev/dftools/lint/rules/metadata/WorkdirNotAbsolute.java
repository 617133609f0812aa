package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.StageLocal;
import java.util.regex.Pattern;

/**
 * hadolint's DL3000: every WORKDIR should be absolute. BuildKit's WorkdirRelativePath checks only
 * the first WORKDIR of a stage chain ({@link WorkdirRelativePath}), so it is a separate rule.
 * A path that starts with a variable is accepted (its value is unknown here).
 */
@RuleInfo(code = "DF5207", slug = "workdir-not-absolute", severity = Severity.ERROR,
        summary = "WORKDIR should be an absolute path.", aliases = {"DL3000"}, tags = {"workdir"})
public final class WorkdirNotAbsolute implements InstructionRule, StageLocal {

    /** Absolute for Linux or Windows, or starting with a variable. */
    private static final Pattern ACCEPTED = Pattern.compile("^(/|\\$|[A-Za-z]:).*", Pattern.DOTALL);

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Workdir workdir) || workdir.path() == null) {
            return;
        }
        Word path = workdir.path();
        String unquoted = stripQuotes(path.value());
        if (!unquoted.isEmpty() && !ACCEPTED.matcher(unquoted).matches()) {
            out.report(path.range(), "Use an absolute WORKDIR path: `" + unquoted
                    + "` is relative to whatever working directory the base image sets.");
        }
    }

    static String stripQuotes(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
