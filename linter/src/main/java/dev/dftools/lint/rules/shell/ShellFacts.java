package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;

/** Small facts about RUN instructions that several rules of this group share. */
final class ShellFacts {

    private ShellFacts() {
    }

    /** The RUN an instruction is, or the RUN an ONBUILD wraps; null otherwise. */
    static Instruction.@Nullable Run runOf(Instruction instruction, boolean withOnbuild) {
        if (instruction instanceof Instruction.Run run) {
            return run;
        }
        if (withOnbuild && instruction instanceof Instruction.Onbuild onbuild
                && onbuild.trigger() instanceof Instruction.Run run) {
            return run;
        }
        return null;
    }

    /** Shell form without heredocs: one line of shell that can be chained with {@code &&}. */
    static boolean isPlainShellForm(Instruction.Run run) {
        return run.command() instanceof Command.ShellForm && run.heredocs().isEmpty();
    }

    /** The RUN flags as written, to compare two RUNs ({@code --mount=...} etc.). */
    static List<String> flagTexts(Instruction instruction) {
        List<String> texts = new ArrayList<>();
        for (Flag flag : instruction.flags()) {
            texts.add(flag.text());
        }
        return texts;
    }

    /** The simple commands of a RUN named one of {@code names}. */
    static List<SimpleCommand> commandsNamed(Analysis analysis, Instruction.Run run, String... names) {
        List<SimpleCommand> out = new ArrayList<>();
        for (SimpleCommand c : analysis.commands(run)) {
            if (c.isNamed(names)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The base name of a command word ({@code /usr/bin/wget} is {@code wget}). */
    static String baseName(SimpleCommand command) {
        String value = command.nameValue();
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /**
     * The value of an option that takes an argument: {@code -o v}, {@code -ov}, {@code --output v},
     * {@code --output=v}; null when absent. Grouped short flags ({@code -sSLo v}) count when the
     * letter is last.
     */
    static @Nullable Word optionValue(SimpleCommand command, @Nullable String shortFlag, @Nullable String longFlag) {
        List<Word> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            String v = w.value();
            if (v.equals("--")) {
                return null;
            }
            if (longFlag != null) {
                if (v.equals(longFlag)) {
                    return i + 1 < args.size() ? args.get(i + 1) : null;
                }
                if (v.startsWith(longFlag + "=")) {
                    return w;
                }
            }
            if (shortFlag != null && v.startsWith("-") && !v.startsWith("--") && v.length() >= 2) {
                char letter = shortFlag.charAt(1);
                int at = v.indexOf(letter, 1);
                if (at < 0 || !v.substring(1, at).chars().allMatch(Character::isLetter)) {
                    continue;
                }
                if (at == v.length() - 1) {
                    return i + 1 < args.size() ? args.get(i + 1) : null;
                }
                return w; // -ofile: the value is glued on
            }
        }
        return null;
    }

    /** The value part of what {@link #optionValue} returned (after {@code =} or the glued flag). */
    static String optionText(Word word, @Nullable String shortFlag, @Nullable String longFlag) {
        String v = word.value();
        if (longFlag != null && v.startsWith(longFlag + "=")) {
            return v.substring(longFlag.length() + 1);
        }
        if (shortFlag != null && v.startsWith("-") && !v.startsWith("--") && v.length() > 2) {
            int at = v.indexOf(shortFlag.charAt(1), 1);
            if (at > 0) {
                return v.substring(at + 1);
            }
        }
        return v;
    }

    /**
     * Whether a stage's layers end up in the image that is built by default: the last stage and
     * stages another stage is built {@code FROM} (as hadolint's DL3009 decides). Builder stages
     * only hand over what {@code COPY --from} takes.
     */
    static boolean ships(Analysis analysis, dev.dftools.grammar.ast.Stage stage) {
        return analysis.ships(stage);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
