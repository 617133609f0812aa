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
 * {@code zypper install} fills {@code /var/cache/zypp}; {@code zypper clean} (or {@code cc}, or an
 * {@code rm} of the directory) later in the same RUN, or a cache/tmpfs mount there, keeps it out
 * of the layer.
 */
@RuleInfo(code = "DF3036", slug = "zypper-cache-not-cleaned", severity = Severity.WARNING,
        summary = "zypper install without a later zypper clean in the same RUN leaves its cache in the layer.",
        aliases = {"DL3036"}, tags = {"packages", "zypper", "image-size"})
public final class ZypperCacheNotCleaned implements InstructionRule, StageLocal {

    static final Set<String> INSTALLS = Set.of("install", "in");
    private static final Set<String> CLEAN = Set.of("clean", "cc");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || RunMounts.hasCacheMount(run, "/var/cache/zypp")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            if (!c.isNamed("zypper")) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.ZYPPER_VALUE_FLAGS, INSTALLS);
            if (sub == null) {
                continue;
            }
            boolean cleaned = CommandArgs.after(commands, c).stream().anyMatch(r -> CommandArgs.removes(r,
                    "/var/cache/zypp") || RpmCommands.isClean(r, "zypper", PackageManagers.ZYPPER_VALUE_FLAGS, CLEAN,
                    false));
            if (!cleaned) {
                out.report(CommandArgs.head(c, sub), "Add '&& zypper clean' after zypper " + sub.value()
                        + " in this RUN: the zypper cache stays in the layer otherwise.");
                return; // once per RUN
            }
        }
    }
}
