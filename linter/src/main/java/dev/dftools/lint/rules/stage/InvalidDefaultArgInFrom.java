package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.Optional;

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
public final class InvalidDefaultArgInFrom implements InstructionRule {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from) || from.image() == null) {
            return;
        }
        FromArgs args = FromArgs.of(analysis.dockerfile());
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

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
