package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Optional;

/**
 * hadolint's DL3029: any {@code FROM --platform} other than one using {@code BUILDPLATFORM} or
 * {@code TARGETPLATFORM} ties the image to one platform. BuildKit's FromPlatformFlagConstDisallowed
 * (DF2013) is a different check: it accepts every variable and constants that the stage name
 * mentions, so the two stay separate rules.
 */
@RuleInfo(code = "DF2006", slug = "from-platform-flag", severity = Severity.WARNING,
        summary = "FROM --platform pins the stage to a platform other than the build or target platform.",
        aliases = {"DL3029"}, tags = {"from", "platform"})
public final class FromPlatformFlag implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from)) {
            return;
        }
        Optional<Flag> platform = from.flag("platform");
        if (platform.isEmpty()) {
            return;
        }
        String value = platform.get().value() == null ? "" : platform.get().value();
        if (!value.contains("BUILDPLATFORM") && !value.contains("TARGETPLATFORM")) {
            out.report(platform.get().range(), "FROM --platform=" + value
                    + " builds for a fixed platform; use $BUILDPLATFORM or $TARGETPLATFORM, or drop the flag");
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
