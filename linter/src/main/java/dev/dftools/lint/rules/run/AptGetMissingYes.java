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

/**
 * {@code apt-get install} without {@code -y} asks for confirmation, and a build has no one to
 * answer, so it aborts. {@code -qq} (quiet level 2) implies {@code -y}, as does
 * {@code -o APT::Get::Assume-Yes=true}.
 */
@RuleInfo(code = "DF3014", slug = "apt-get-missing-yes", severity = Severity.WARNING,
        summary = "apt-get install without -y waits for a confirmation that never comes.", aliases = {"DL3014"},
        tags = {"packages", "apt"})
public final class AptGetMissingYes implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            Word install = PackageManagers.aptGetInstall(c);
            if (install == null || c.hasFlag("-y", "--yes", "--assume-yes") || quietLevel(c) >= 2
                    || c.argValues().stream().anyMatch(a -> a.matches("(?i)APT::Get::Assume-Yes=(true|1|yes)"))) {
                continue;
            }
            out.report(CommandArgs.head(c, install), "Add -y to apt-get install: the build cannot answer its "
                    + "confirmation prompt.", CommandArgs.insertAfter(install, "-y", "Add -y"));
        }
    }

    /** apt's quiet level: each {@code -q} / {@code --quiet} adds one; {@code -q=N} sets it. */
    static int quietLevel(SimpleCommand c) {
        int level = 0;
        for (Word w : c.args()) {
            String v = w.value();
            if (v.equals("--")) {
                break;
            }
            if (v.startsWith("--quiet=") || v.startsWith("-q=")) {
                try {
                    level = Integer.parseInt(v.substring(v.indexOf('=') + 1));
                } catch (NumberFormatException e) {
                    level++;
                }
            } else if (v.equals("--quiet")) {
                level++;
            } else if (v.startsWith("-") && !v.startsWith("--")) {
                for (int i = 1; i < v.length() && Character.isLetter(v.charAt(i)); i++) {
                    if (v.charAt(i) == 'q') {
                        level++;
                    }
                }
            }
        }
        return level;
    }
}
