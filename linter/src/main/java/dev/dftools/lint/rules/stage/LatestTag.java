package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** {@code FROM debian:latest}: the tag moves, so builds are not reproducible. A digest pins it anyway. */
@RuleInfo(code = "DF2001", slug = "latest-tag", severity = Severity.WARNING,
        summary = "The base image uses the moving 'latest' tag instead of a pinned version.",
        aliases = {"DL3007"}, tags = {"from", "reproducibility"})
public final class LatestTag implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from) || from.image() == null) {
            return;
        }
        String image = from.image().value();
        if (image.contains("$")) {
            return;
        }
        ImageReference ref = ImageReference.split(image);
        if ("latest".equals(ref.tag()) && ref.digest() == null) {
            out.report(from.image().range(), "Base image '" + image
                    + "' uses the 'latest' tag; pin a version or a digest");
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
