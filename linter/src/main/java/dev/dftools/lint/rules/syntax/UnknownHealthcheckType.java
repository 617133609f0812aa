package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;
import java.util.Locale;

/** HEALTHCHECK knows only {@code CMD …} and {@code NONE}; anything else fails the build. */
@RuleInfo(code = "DF1014", slug = "unknown-healthcheck-type", severity = Severity.ERROR,
        summary = "HEALTHCHECK must be followed by CMD or NONE; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class UnknownHealthcheckType implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Healthcheck healthcheck) || healthcheck.type() == null) {
            return;
        }
        Word type = healthcheck.type();
        String upper = type.value().toUpperCase(Locale.ROOT);
        if (!upper.equals("CMD") && !upper.equals("NONE")) {
            String hint = Suggestions.closest(upper, List.of("CMD", "NONE")).map(s -> " (did you mean " + s + "?)")
                    .orElse(" (try CMD)");
            out.report(type.range(), "Unknown type \"" + upper + "\" in HEALTHCHECK" + hint);
        }
    }
}
