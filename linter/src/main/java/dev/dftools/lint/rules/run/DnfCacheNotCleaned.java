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
 * {@code dnf install} (and upgrade, reinstall) fills the dnf cache; the same tool's
 * {@code clean all} later in the same RUN, an {@code rm} of the cache directory, or a cache/tmpfs
 * mount on it keeps it out of the layer. dnf and microdnf are judged separately: one's clean does
 * not empty the other's cache.
 */
@RuleInfo(code = "DF3040", slug = "dnf-cache-not-cleaned", severity = Severity.WARNING,
        summary = "dnf install without a later dnf clean all in the same RUN leaves its cache in the layer.",
        aliases = {"DL3040"}, tags = {"packages", "dnf", "image-size"})
public final class DnfCacheNotCleaned implements InstructionRule, StageLocal {

    private static final Set<String> INSTALLS = Set.of("install", "in", "upgrade", "up", "upgrade-minimal",
            "up-min", "reinstall", "rei", "groupinstall", "localinstall");
    private static final Set<String> CLEAN = Set.of("clean");
    private static final String[] CACHE_DIRS = {"/var/cache/libdnf5", "/var/cache/dnf", "/var/cache/yum"};

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)
                || RunMounts.hasCacheMount(run, "/var/cache/libdnf5", ".cache/libdnf5", "/var/cache/dnf", "/var/cache/yum")) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            if (!c.isNamed(DnfMissingYes.TOOLS)) {
                continue;
            }
            Word sub = RpmCommands.subcommandIn(c, PackageManagers.RPM_VALUE_FLAGS, INSTALLS);
            if (sub == null) {
                continue;
            }
            String tool = c.nameValue().substring(c.nameValue().lastIndexOf('/') + 1);
            boolean cleaned = CommandArgs.after(commands, c).stream().anyMatch(r -> CommandArgs.removes(r, CACHE_DIRS)
                    || RpmCommands.isClean(r, tool, PackageManagers.RPM_VALUE_FLAGS, CLEAN, true));
            if (!cleaned) {
                out.report(CommandArgs.head(c, sub), "Add '&& " + tool + " clean all' after " + tool + " "
                        + sub.value() + " in this RUN: the " + tool + " cache stays in the layer otherwise.");
                return; // once per RUN
            }
        }
    }
}
