package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/**
 * {@code COPY --from=x / /}: copies the other stage's whole filesystem over this one, usually a
 * mistake (or better written as {@code FROM x}). Quotes around the paths do not matter.
 */
@RuleInfo(code = "DF2009", slug = "copy-whole-stage-filesystem", severity = Severity.WARNING,
        summary = "COPY --from copies the whole filesystem of another stage or image onto this one.",
        aliases = {"DL3067"}, tags = {"stages", "copy"})
public final class CopyWholeStage implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Copy copy) || copy.flag("from").isEmpty()
                || copy.sources().size() != 1 || copy.destination() == null) {
            return;
        }
        Word source = copy.sources().get(0);
        char escape = analysis.dockerfile().escape();
        if (isRoot(source, escape) && isRoot(copy.destination(), escape)) {
            String from = copy.flag("from").get().value();
            out.report(source.range().union(copy.destination().range()), "COPY --from=" + from
                    + " / / copies the whole filesystem of '" + from + "'; copy only what is needed, or use FROM "
                    + from);
        }
    }

    private static boolean isRoot(Word word, char escape) {
        return !word.value().contains("$") && StageRefs.unquote(word.value(), escape).equals("/");
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
