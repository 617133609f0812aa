package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.Optional;
import java.util.Set;

/**
 * {@code FROM --platform=$TARGETPLATFORM}: that is the default. hadolint (DL3065) matches
 * {@code $TARGETPLATFORM} and {@code ${TARGETPLATFORM}} exactly; BuildKit (RedundantTargetPlatform)
 * flags any value whose only variable is TARGETPLATFORM and that expands to exactly its value
 * (so also {@code "${TARGETPLATFORM}"}). Same intent, BuildKit's reading is a superset: one rule.
 */
@RuleInfo(code = "DF2008", slug = "redundant-target-platform", severity = Severity.WARNING,
        summary = "FROM --platform=$TARGETPLATFORM is redundant, as it is the default.",
        aliases = {"DL3065", "RedundantTargetPlatform"}, tags = {"from", "platform"})
public final class RedundantTargetPlatform implements InstructionRule, StageLocal {

    private static final String TARGET_PLATFORM = "TARGETPLATFORM";

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from)) {
            return;
        }
        Optional<Flag> platform = from.flag("platform");
        if (platform.isEmpty() || platform.get().value() == null) {
            return;
        }
        FromArgs args = FromArgs.of(analysis.dockerfile());
        Optional<Expansion> expansion = args.expand(platform.get().value());
        if (expansion.isEmpty()) {
            return;
        }
        Expansion e = expansion.get();
        if (e.matched().equals(Set.of(TARGET_PLATFORM)) && e.unmatched().isEmpty()
                && e.value().equals(args.env().get(TARGET_PLATFORM))) {
            out.report(platform.get().range(), "Setting platform to predefined " + platform.get().value()
                    + " in FROM is redundant as this is the default behavior", removeFlag(platform.get(), analysis));
        }
    }

    /** Deletes the flag and the blanks after it. */
    private static Fix removeFlag(Flag flag, Analysis analysis) {
        String text = analysis.dockerfile().text();
        int end = flag.range().end().offset();
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        SourceRange range = analysis.dockerfile().lines().range(flag.range().start().offset(), end);
        return Fix.of("Remove --platform", new TextEdit(range, ""));
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
