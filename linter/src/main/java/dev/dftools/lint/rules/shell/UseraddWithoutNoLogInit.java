package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;

/**
 * {@code useradd} with a large UID writes a sparse /var/log/lastlog and /var/log/faillog sized by
 * the UID: gigabytes in the layer (moby/moby#5419). {@code -l} ({@code --no-log-init}) skips
 * them. As hadolint: a UID longer than 5 characters; unlike hadolint, a UID given by a variable
 * ({@code -u $NB_UID}) is not reported, its length says nothing. Adding {@code -l} is always safe.
 */
@RuleInfo(code = "DF3503", slug = "useradd-without-no-log-init", severity = Severity.WARNING,
        summary = "useradd with a large UID and without -l fills the layer with a huge sparse lastlog file.",
        aliases = {"DL3046"}, tags = {"run", "shell", "layers"})
public final class UseraddWithoutNoLogInit implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand command : ShellFacts.commandsNamed(analysis, run, "useradd")) {
            Word uidWord = ShellFacts.optionValue(command, "-u", "--uid");
            if (uidWord == null || command.hasFlag("-l", "--no-log-init")) {
                continue;
            }
            String uid = ShellFacts.optionText(uidWord, "-u", "--uid");
            if (uid.length() <= 5 || uidWord.hasExpansion()) { // a variable: its value is unknown
                continue;
            }
            SourceRange after = command.name().range();
            SourceRange insertAt = new SourceRange(after.end(), after.end());
            out.report(uidWord.range(), "`useradd` with UID " + uid + " and without -l (--no-log-init) writes a"
                    + " sparse lastlog/faillog sized by the UID into the layer",
                    Fix.of("Add -l (--no-log-init)", new TextEdit(insertAt, " -l")));
        }
    }
}
