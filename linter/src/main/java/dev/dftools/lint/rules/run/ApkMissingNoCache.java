package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.List;

/**
 * {@code apk add} without {@code --no-cache} keeps the package index in {@code /var/cache/apk}.
 * Fine without the flag: a cache/tmpfs mount there, or (unlike hadolint, which still reports it)
 * an {@code rm} of {@code /var/cache/apk} later in the same RUN, which leaves nothing behind either,
 * and {@code --no-network}, which fetches no index at all.
 */
@RuleInfo(code = "DF3019", slug = "apk-missing-no-cache", severity = Severity.INFO,
        summary = "apk add without --no-cache leaves the package index in the layer.", aliases = {"DL3019"},
        tags = {"packages", "apk", "alpine", "image-size"})
public final class ApkMissingNoCache implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || RunMounts.hasCacheMount(run, "/var/cache/apk")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            Word add = PackageManagers.apkAdd(c);
            if (add == null || c.hasFlag("--no-cache", "--no-network")
                    || CommandArgs.after(commands, c).stream().anyMatch(r -> CommandArgs.removes(r, "/var/cache/apk"))) {
                continue;
            }
            out.report(CommandArgs.head(c, add), "Add --no-cache to apk add: the package index stays in the "
                    + "layer otherwise.", CommandArgs.insertAfter(add, "--no-cache", "Add --no-cache"));
        }
    }
}
