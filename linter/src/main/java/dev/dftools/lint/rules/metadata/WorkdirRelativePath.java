package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.grammar.expand.ExpansionException;
import dev.dftools.grammar.expand.ShellLex;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * BuildKit's WorkdirRelativePath: the first WORKDIR of a stage is relative although no WORKDIR
 * was set before, in the stage or in a stage it is built {@code FROM}; it then depends on the
 * base image's working directory. Later WORKDIRs are not checked (fixing the first fixes them).
 * hadolint's DL3000 checks every WORKDIR ({@link WorkdirNotAbsolute}), hence two rules. The path
 * is checked after variable expansion; a path with a variable of unknown value is skipped.
 */
@RuleInfo(code = "DF5208", slug = "workdir-relative-path", severity = Severity.WARNING,
        summary = "A relative WORKDIR without an absolute one declared earlier depends on the base image.",
        aliases = {"WorkdirRelativePath"}, tags = {"workdir", "buildkit"})
public final class WorkdirRelativePath implements DocumentRule {

    private static final Pattern ABSOLUTE = Pattern.compile("^(/|\\\\|[A-Za-z]:[\\\\/]).*", Pattern.DOTALL);

    @Override
    public void check(Analysis analysis, Findings out) {
        VariableScopes scopes = VariableScopes.of(analysis);
        ShellLex lex = new ShellLex(analysis.dockerfile().escape());
        Map<Stage, Boolean> workdirSet = new IdentityHashMap<>();
        for (Stage stage : analysis.stages()) {
            boolean set = analysis.parentStage(stage).map(p -> workdirSet.getOrDefault(p, false)).orElse(false);
            for (Instruction instruction : stage.instructions()) {
                if (!(instruction instanceof Instruction.Workdir workdir) || workdir.path() == null) {
                    continue;
                }
                if (!set) {
                    check(workdir, scopes, lex, out);
                }
                set = true;
            }
            workdirSet.put(stage, set);
        }
    }

    private static void check(Instruction.Workdir workdir, VariableScopes scopes, ShellLex lex, Findings out) {
        Expansion expansion;
        try {
            expansion = lex.processWord(workdir.path().value(), scopes.before(workdir).env());
        } catch (ExpansionException e) {
            return;
        }
        if (!expansion.unmatched().isEmpty() || expansion.value().isEmpty()) {
            return;
        }
        if (!ABSOLUTE.matcher(expansion.value()).matches()) {
            out.report(workdir.path().range(), "Relative workdir \"" + expansion.value()
                    + "\" can have unexpected results if the base image changes");
        }
    }
}
