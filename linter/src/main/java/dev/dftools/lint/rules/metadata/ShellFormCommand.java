package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * hadolint's DL3025: CMD, ENTRYPOINT and {@code HEALTHCHECK CMD} in shell form. Unlike BuildKit's
 * JSONArgsRecommended ({@link JsonArgsRecommended}) it also covers HEALTHCHECK and is not
 * silenced by a SHELL instruction, so the two are separate rules.
 */
@RuleInfo(code = "DF5200", slug = "shell-form-command", severity = Severity.WARNING,
        summary = "CMD, ENTRYPOINT and HEALTHCHECK CMD should use the JSON (exec) form.",
        aliases = {"DL3025"}, tags = {"cmd", "entrypoint", "healthcheck"})
public final class ShellFormCommand implements InstructionRule, StageLocal {

    /** A word that means the same to /bin/sh and as a JSON array element: no quoting, expansion or operators. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Command command;
        String what;
        if (instruction instanceof Instruction.Cmd cmd) {
            command = cmd.command();
            what = "CMD";
        } else if (instruction instanceof Instruction.Entrypoint entrypoint) {
            command = entrypoint.command();
            what = "ENTRYPOINT";
        } else if (instruction instanceof Instruction.Healthcheck healthcheck) {
            command = healthcheck.command();
            what = "HEALTHCHECK CMD";
        } else {
            return;
        }
        if (!(command instanceof Command.ShellForm shellForm)) {
            return;
        }
        String why = instruction instanceof Instruction.Healthcheck
                ? "the shell form needs /bin/sh in the image and hides how the check is run."
                : "the shell form runs it through /bin/sh -c, which does not pass on signals such as SIGTERM.";
        out.report(shellForm.range(), "Use the JSON (exec) form for " + what + ": " + why,
                fix(instruction, shellForm, analysis));
    }

    /**
     * The exec form of a shell-form command, when it splits into plain words on one line. Not for
     * an ENTRYPOINT in a stage that also has a CMD: exec-form ENTRYPOINT would receive it as arguments.
     */
    static @Nullable Fix fix(Instruction instruction, Command.ShellForm shellForm, Analysis analysis) {
        if (shellForm.range().startLine() != shellForm.range().endLine()) {
            return null;
        }
        String[] words = shellForm.script().value().trim().split("[ \t]+");
        if (words.length == 0 || words[0].isEmpty()) {
            return null;
        }
        for (String word : words) {
            if (!PLAIN_WORD.matcher(word).matches()) {
                return null;
            }
        }
        if (instruction instanceof Instruction.Entrypoint) {
            Optional<Stage> stage = analysis.stageOf(instruction);
            if (stage.isEmpty() || stage.get().instructions().stream().anyMatch(i -> i instanceof Instruction.Cmd)) {
                return null;
            }
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < words.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(words[i]).append('"');
        }
        json.append(']');
        return Fix.of("Convert to the JSON form " + json, new TextEdit(shellForm.range(), json.toString()));
    }
}
