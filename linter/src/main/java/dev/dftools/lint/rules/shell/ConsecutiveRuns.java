package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.rules.Parts;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * hadolint's DL3059, exactly: a RUN right after another RUN (only comments between) with the same
 * flags, where neither has more than one command, is reported on the second. A RUN that already
 * chains commands ({@code a && b}, {@code a; b}, a pipe) exempts the pair: hadolint takes it as a
 * deliberate layer boundary. {@link LayerBloat} (DF3509) is the layer rule with its own logic; see
 * there why the two stay separate. Inside a run of RUNs that DF3509 reports (it answers to DL3059
 * too), this rule stays quiet: one finding for the whole run instead of one per pair.
 */
@RuleInfo(code = "DF3508", slug = "consecutive-single-command-runs", severity = Severity.INFO,
        summary = "Two consecutive RUNs with one command each could be one RUN.", aliases = {"DL3059"},
        tags = {"run", "layers"})
public final class ConsecutiveRuns implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        List<Instruction> part = Parts.partOf(analysis, instruction);
        int at = Parts.indexInPart(analysis, run);
        // the instruction right before it in the file (a FROM before the first one of a part)
        Instruction.@Nullable Run previous = at > 0 && part.get(at - 1) instanceof Instruction.Run p ? p : null;
        if (previous != null && !LayerBloat.reported(analysis, part).contains(run)
                && ShellFacts.flagTexts(previous).equals(ShellFacts.flagTexts(run))
                && commandCount(analysis, previous) <= 1 && commandCount(analysis, run) <= 1) {
            int line = previous.range().startLine();
            out.report(run.node().keyword().range(), "this RUN and the one on line " + line
                    + " run one command each: chain them with && into one RUN (one layer fewer)",
                    RunMerge.merge(analysis, List.of(previous, run), "Merge into the RUN on line " + line));
        }
    }

    /** Only the file's own RUNs: an ONBUILD RUN is no layer of this image. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    private static int commandCount(Analysis analysis, Instruction.Run run) {
        if (!(run.command() instanceof dev.dftools.grammar.ast.Command.ShellForm)) {
            return 1;
        }
        return analysis.commands(run).size();
    }
}
