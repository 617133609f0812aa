package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BuildKit's StageNameCasing: {@code FROM x AS Build}. Stage names are case-insensitive, so the
 * fix lower-cases the name and every reference to it written in another case (FROM, COPY --from,
 * RUN --mount from=).
 */
@RuleInfo(code = "DF2010", slug = "stage-name-casing", severity = Severity.WARNING,
        summary = "A stage name is not all lower case.", aliases = {"StageNameCasing"}, tags = {"stages", "style"})
public final class StageNameCasing implements InstructionRule {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from) || from.stageName() == null) {
            return;
        }
        String name = from.stageName().value();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.equals(lower)) {
            return;
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(from.stageName().range(), lower));
        Dockerfile file = analysis.dockerfile();
        for (Instruction other : file.instructions()) {
            collectReferences(other, lower, file, edits);
            if (other instanceof Instruction.Onbuild onbuild && onbuild.trigger() != null) {
                collectReferences(onbuild.trigger(), lower, file, edits);
            }
        }
        out.report(from.stageName().range(), "Stage name '" + name + "' should be lowercase",
                new Fix("Lower-case stage name '" + name + "' and its references", edits));
    }

    private static void collectReferences(Instruction instruction, String lower, Dockerfile file,
            List<TextEdit> edits) {
        if (instruction instanceof Instruction.From from && from.image() != null) {
            lowerIfReference(from.image().range(), from.image().value(), lower, file, edits);
        }
        Optional<Flag> copyFrom = StageRefs.copyFrom(instruction);
        if (copyFrom.isPresent() && copyFrom.get().value() != null && copyFrom.get().valueRange() != null) {
            lowerIfReference(copyFrom.get().valueRange(), copyFrom.get().value(), lower, file, edits);
        }
        if (instruction instanceof Instruction.Run run) {
            for (StageRefs.MountFrom mount : StageRefs.mountFroms(run, file)) {
                lowerIfReference(mount.valueRange(), mount.value(), lower, file, edits);
            }
        }
    }

    /** Lower-cases the source text of a reference to the stage that is not written in lower case. */
    private static void lowerIfReference(SourceRange range, String value, String lower, Dockerfile file,
            List<TextEdit> edits) {
        if (value.equalsIgnoreCase(lower) && !value.equals(lower)) {
            edits.add(new TextEdit(range, StageRefs.source(file, range).toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
