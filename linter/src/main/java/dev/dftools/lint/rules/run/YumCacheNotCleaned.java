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
import java.util.Set;

/**
 * {@code yum install} fills {@code /var/cache/yum}; a {@code yum clean all} (or an {@code rm} of
 * that directory) later in the same RUN keeps it out of the layer, and so does a cache/tmpfs
 * mount on it (which hadolint does not know about).
 */
@RuleInfo(code = "DF3032", slug = "yum-cache-not-cleaned", severity = Severity.WARNING,
        summary = "yum install without a later yum clean all in the same RUN leaves its cache in the layer.",
        aliases = {"DL3032"}, tags = {"packages", "yum", "image-size"})
public final class YumCacheNotCleaned implements InstructionRule, StageLocal {

    private static final Set<String> CLEAN = Set.of("clean");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || RunMounts.hasCacheMount(run, "/var/cache/yum")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            if (!c.isNamed("yum")) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.RPM_VALUE_FLAGS, YumMissingYes.INSTALLS);
            if (sub == null) {
                continue;
            }
            boolean cleaned = CommandArgs.after(commands, c).stream().anyMatch(r -> CommandArgs.removes(r,
                    "/var/cache/yum") || RpmCommands.isClean(r, "yum", PackageManagers.RPM_VALUE_FLAGS, CLEAN, true));
            if (!cleaned) {
                out.report(CommandArgs.head(c, sub), "Add '&& yum clean all' after yum " + sub.value()
                        + " in this RUN: the yum cache stays in the layer otherwise.");
                return; // once per RUN
            }
        }
    }
}
