package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.StageRule;
import java.util.regex.Pattern;

/**
 * hadolint's DL3002: the last USER of a stage switches to root, so the container runs as root.
 * Every stage is checked on its own, as hadolint does (a stage built on it is not).
 */
@RuleInfo(code = "DF5209", slug = "last-user-root", severity = Severity.WARNING,
        summary = "The last USER of a stage should not be root.", aliases = {"DL3002"}, tags = {"user", "security"})
public final class LastUserRoot implements StageRule, StageLocal {

    /** {@code root} or uid 0, with any group. */
    private static final Pattern ROOT = Pattern.compile("(root|0)(:.*)?", Pattern.DOTALL);

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        Instruction.User last = null;
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof Instruction.User user && user.user() != null) {
                last = user;
            }
        }
        if (last != null && ROOT.matcher(last.user().value()).matches()) {
            out.report(last.user().range(), "The last USER of this stage is `" + last.user().value()
                    + "`: the container would run as root; switch to an unprivileged user at the end.");
        }
    }
}
