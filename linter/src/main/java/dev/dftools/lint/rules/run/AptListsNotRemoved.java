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
 * {@code apt-get update} (or {@code apt update}, {@code aptitude update}) fills
 * {@code /var/lib/apt/lists}; unless the same RUN removes it afterwards, the lists stay in the
 * layer. As hadolint does, only layers that ship are reported: the last stage's and those of
 * stages a later FROM builds on. A cache or tmpfs mount on the lists (or on both
 * {@code /var/lib/apt} and {@code /var/cache/apt}) keeps them out of the layer. Unlike hadolint,
 * a removal before the update does not count, and any {@code rm} of the lists directory does
 * ({@code rm -rf}, {@code rm -fr}, {@code rm -r -f}), as does {@code apt-get dist-clean}.
 */
@RuleInfo(code = "DF3009", slug = "apt-lists-not-removed", severity = Severity.INFO,
        summary = "apt-get update leaves the package lists in the layer; remove them in the same RUN.",
        aliases = {"DL3009"}, tags = {"packages", "apt", "image-size"})
public final class AptListsNotRemoved implements InstructionRule, StageLocal {

    static final String LISTS = "/var/lib/apt/lists";

    /** {@code rm -rf /var/lib/apt/lists/*}, or {@code apt-get dist-clean} (apt 2.7+), which empties them too. */
    private static boolean removesLists(SimpleCommand c) {
        return CommandArgs.removes(c, LISTS) || (c.isNamed("apt-get", "apt")
                && CommandArgs.hasSubcommand(c, PackageManagers.APT_VALUE_FLAGS, "dist-clean"));
    }

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        SimpleCommand update = null;
        for (SimpleCommand c : commands) {
            if (c.isNamed("apt-get", "apt", "aptitude") && c.hasArg("update")
                    && CommandArgs.after(commands, c).stream().noneMatch(AptListsNotRemoved::removesLists)) {
                update = c;
                break;
            }
        }
        if (update == null || RunMounts.hasCacheMount(run, LISTS)
                || (RunMounts.hasCacheMountUnder(run, "/var/lib/apt")
                        && RunMounts.hasCacheMountUnder(run, "/var/cache/apt"))
                || !StageScope.ships(analysis, run)) {
            return;
        }
        Word updateWord = update.args().stream().filter(w -> w.is("update")).findFirst().orElseThrow();
        out.report(CommandArgs.head(update, updateWord), "Remove the apt lists in this RUN after '"
                + update.nameValue() + " update' ('&& rm -rf /var/lib/apt/lists/*'): otherwise they stay in the "
                + "layer of " + StageScope.describe(analysis, run) + ".");
    }
}
