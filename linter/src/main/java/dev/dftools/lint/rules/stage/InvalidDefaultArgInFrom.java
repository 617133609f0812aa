package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * BuildKit's InvalidDefaultArgInFrom: with only the global ARG defaults (no {@code --build-arg}),
 * the FROM image expands to an empty or invalid reference, e.g. {@code ARG TAG} without a default
 * and {@code FROM alpine:${TAG}}. Validated with Docker's reference grammar ({@link ImageReference}).
 * Like BuildKit, a FROM without variables that is not a valid reference is reported too (the build
 * would fail on it). Unlike BuildKit, a reference to a stage in another case ({@code FROM Build})
 * is not reported: it resolves to the stage.
 */
@RuleInfo(code = "DF2014", slug = "invalid-default-arg-in-from", severity = Severity.WARNING,
        summary = "With the default ARG values the FROM image is empty or not a valid image reference.",
        aliases = {"InvalidDefaultArgInFrom"}, tags = {"from", "args"})
public final class InvalidDefaultArgInFrom implements InstructionRule, StageInflow {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from) || from.image() == null) {
            return;
        }
        FromArgs args = FromArgs.of(analysis);
        if (!args.valid()) {
            return; // BuildKit skips the check when a default cannot be evaluated
        }
        String raw = from.image().value();
        Optional<Expansion> expansion = args.expand(raw);
        if (expansion.isEmpty()) {
            return;
        }
        String image = expansion.get().value();
        if (!image.isEmpty() && analysis.stageNamed(image).isPresent()) {
            return;
        }
        try {
            ImageReference.parse(image);
        } catch (ImageReference.InvalidReferenceException e) {
            String message;
            if (expansion.get().referenced().isEmpty()) {
                message = "Base image name '" + raw + "' is not a valid image reference: " + e.getMessage();
            } else {
                message = "Default value for ARG " + raw + " results in empty or invalid base image name"
                        + (image.isEmpty() ? " (empty)" : " '" + image + "': " + e.getMessage());
            }
            out.report(from.image().range(), message);
        }
    }

    /** Whether the stage's FROM names a stage (of the whole file) once its global args are expanded. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        if (stage == null || stage.from().image() == null) {
            return false;
        }
        FromArgs args = FromArgs.of(analysis);
        Optional<Expansion> expansion = args.valid() ? args.expand(stage.from().image().value()) : Optional.empty();
        return expansion.isPresent() && !expansion.get().value().isEmpty()
                && analysis.stageNamed(expansion.get().value()).isPresent();
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
