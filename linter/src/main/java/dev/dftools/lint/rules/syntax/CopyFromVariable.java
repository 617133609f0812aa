package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.expand.Env;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/**
 * {@code COPY --from=$STAGE}: BuildKit does not expand variables there and fails the build (as it
 * does when expanding the value with no variables set would change it).
 */
@RuleInfo(code = "DF1015", slug = "copy-from-variable", severity = Severity.ERROR,
        summary = "COPY --from cannot use variables; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class CopyFromVariable implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Copy)) {
            return;
        }
        for (Flag flag : instruction.node().flags("from")) {
            String value = flag.value();
            if (value == null || value.indexOf('$') < 0) {
                continue;
            }
            if (changesWhenExpanded(value, analysis.dockerfile().escape())) {
                out.report(flag.valueRange() != null ? flag.valueRange() : flag.range(),
                        "variable expansion is not supported for --from, define a new stage with FROM using ARG "
                                + "from global scope as a workaround");
            }
        }
    }

    private static boolean changesWhenExpanded(String value, char escape) {
        try {
            return !new ShellLex(escape).processWord(value, Env.empty()).value().equals(value);
        } catch (ExpansionException e) {
            return true; // BuildKit fails on it too, with the expansion error
        }
    }
}
