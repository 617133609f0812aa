package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.shell.Pipeline;
import dev.dftools.grammar.shell.ShellNode;
import dev.dftools.grammar.shell.ShellScript;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A pipe's status is its last command's: {@code wget -O- url | tar x} "succeeds" when the download
 * fails, and the build goes on with a broken layer. As hadolint: unless a SHELL of the stage is
 * bash, zsh or ash with {@code -o pipefail}, or a non-POSIX shell (pwsh, powershell, cmd, also via
 * the {@code # hadolint shell=} pragma). Two deliberate improvements, neither contradicted by a
 * hadolint case: {@code FROM <stage>} inherits that stage's SHELL (the image config carries it, as
 * BuildKit does), and a {@code set -o pipefail} earlier in the same RUN counts. Reported on the
 * first {@code |}. Not for ONBUILD RUN (the child build's SHELL decides). No automatic fix: which
 * shell to use depends on the image.
 */
@RuleInfo(code = "DF3507", slug = "pipe-without-pipefail", severity = Severity.WARNING,
        summary = "A RUN pipes commands without -o pipefail, so a failure on the left of the pipe is ignored.",
        aliases = {"DL4006"}, tags = {"run", "shell"})
public final class PipefailMissing implements InstructionRule, StageInflow {

    private static final Set<String> PIPEFAIL_SHELLS = Set.of("bash", "zsh", "ash");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        RunShells.RunShell shell = RunShells.before(analysis, run);
        if (shell == null || shell.isNonPosix()
                || PIPEFAIL_SHELLS.contains(shell.baseName()) && hasPipefail(shell.shell())) {
            return;
        }
        for (ShellScript script : analysis.shellScripts(run)) {
            Pipeline pipe = firstPipe(script);
            if (pipe == null || pipefailSetBefore(script, pipe)) {
                continue;
            }
            String left = describe(pipe.commands().get(0));
            out.report(pipeOperator(analysis, pipe), "the pipe ignores a failure of " + left
                    + ": the RUN's status is the last command's; set SHELL [\"/bin/bash\", \"-o\", \"pipefail\","
                    + " \"-c\"] (or ash/zsh with -o pipefail) before this RUN");
            break;
        }
    }

    /** The file's own RUNs only: a trigger runs in another build, with that build's SHELL. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }

    /** The SHELL (and shell pragma) in effect as the stage starts: inherited, or what its FROM image implies. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        if (stage == null) {
            return List.of(); // what precedes the first FROM is all in that part
        }
        RunShells.RunShell start = RunShells.start(analysis, stage);
        return List.of(start.shell(), start.shellName());
    }

    /** {@code -o pipefail}, also grouped as {@code -eo pipefail}. */
    static boolean hasPipefail(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String prev = words.get(i - 1);
            if (words.get(i).equals("pipefail") && prev.startsWith("-") && !prev.startsWith("--")
                    && prev.endsWith("o")) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Pipeline firstPipe(ShellScript script) {
        Deque<ShellNode> stack = new ArrayDeque<>();
        for (int i = script.body().size() - 1; i >= 0; i--) {
            stack.push(script.body().get(i));
        }
        while (!stack.isEmpty()) {
            ShellNode node = stack.pop();
            if (node instanceof Pipeline p && !p.operators().isEmpty()) {
                return p;
            }
            List<ShellNode> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
        return null;
    }

    private static boolean pipefailSetBefore(ShellScript script, Pipeline pipe) {
        for (SimpleCommand c : script.commandsNamed("set")) {
            if (c.range().start().offset() < pipe.range().start().offset() && hasPipefail(c.words().stream()
                    .map(w -> w.value()).toList())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ShellNode node) {
        List<SimpleCommand> commands = node.simpleCommands();
        if (!commands.isEmpty() && commands.get(0).name() != null) {
            return "`" + commands.get(0).name().raw() + "`";
        }
        return "the commands before it";
    }

    /** The {@code |} between the first two commands of the pipeline, found in the source text. */
    private static SourceRange pipeOperator(Analysis analysis, Pipeline pipe) {
        String text = analysis.dockerfile().text();
        int from = pipe.commands().get(0).range().end().offset();
        int to = pipe.commands().get(1).range().start().offset();
        for (int i = from; i < to && i < text.length(); i++) {
            if (text.charAt(i) == '|') {
                int end = i + 1 < text.length() && text.charAt(i + 1) == '&' ? i + 2 : i + 1;
                return analysis.dockerfile().lines().range(i, end);
            }
        }
        return pipe.range();
    }
}
