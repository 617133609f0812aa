package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;

/**
 * {@code FROM debian}: without a tag or digest the build takes whatever {@code latest} is today.
 * {@code scratch}, earlier stage names and references with variables (their value is not known
 * here) are exempt.
 */
@RuleInfo(code = "DF2000", slug = "untagged-base-image", severity = Severity.WARNING,
        summary = "The base image has neither a tag nor a digest, so each build may get a different image.",
        aliases = {"DL3006"}, tags = {"from", "reproducibility"})
public final class UntaggedBaseImage implements InstructionRule {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from) || from.image() == null) {
            return;
        }
        String image = from.image().value();
        if (image.contains("$") || image.equalsIgnoreCase("scratch") || image.isEmpty()) {
            return;
        }
        boolean isStage = analysis.stageOf(from).flatMap(analysis::parentStage).isPresent();
        if (isStage) {
            return;
        }
        ImageReference ref = ImageReference.split(image);
        if (ref.tag() == null && ref.digest() == null) {
            out.report(from.image().range(), "Base image '" + image
                    + "' has no tag; pin a version, e.g. '" + image + ":<version>', or a digest");
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
