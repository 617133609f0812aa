package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Fix;
import dev.dftools.lint.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Reads the command line of a package manager: which words are operands (subcommand, package
 * names) and which are flags or flag values, so that {@code apt-get -t bookworm-backports install
 * curl} gives the operands {@code install curl} and not {@code bookworm-backports}.
 */
final class CommandArgs {

    private CommandArgs() {
    }

    /**
     * The operands of {@code command}: arguments that are neither flags nor the value of a flag
     * in {@code valueFlags} written as a separate word ({@code -t value}; {@code --flag=value} is
     * one word). After {@code --} every argument is an operand unless {@code stopAtDoubleDash}.
     */
    static List<Word> operands(SimpleCommand command, Set<String> valueFlags, boolean stopAtDoubleDash) {
        List<Word> out = new ArrayList<>();
        List<Word> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            Word w = args.get(i);
            String v = w.value();
            if (v.equals("--") && !w.hasExpansion()) {
                if (stopAtDoubleDash) {
                    break;
                }
                out.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (isFlag(w)) {
                if (!v.contains("=") && valueFlags.contains(v)) {
                    i++; // the next word is this flag's value
                }
                continue;
            }
            out.add(w);
        }
        return out;
    }

    static List<Word> operands(SimpleCommand command, Set<String> valueFlags) {
        return operands(command, valueFlags, false);
    }

    /** A word that starts with a literal dash: {@code -y}, {@code --yes}, {@code --opt=x}. */
    static boolean isFlag(Word w) {
        return w.value().length() > 1 && w.startsWith("-");
    }

    /** The first operand (the subcommand), or null when there is none. */
    static @Nullable Word subcommand(SimpleCommand command, Set<String> valueFlags) {
        List<Word> operands = operands(command, valueFlags);
        return operands.isEmpty() ? null : operands.get(0);
    }

    /** Whether the subcommand is known and one of {@code names}. */
    static boolean hasSubcommand(SimpleCommand command, Set<String> valueFlags, String... names) {
        Word sub = subcommand(command, valueFlags);
        return sub != null && sub.is(names);
    }

    /** The operands after the subcommand: usually the packages. */
    static List<Word> packages(SimpleCommand command, Set<String> valueFlags) {
        List<Word> operands = operands(command, valueFlags);
        return operands.isEmpty() ? List.of() : operands.subList(1, operands.size());
    }

    /** From the command name to the end of {@code last}: e.g. {@code apt-get -y install}. */
    static SourceRange head(SimpleCommand command, Word last) {
        Word name = command.name();
        return name == null ? last.range() : name.range().union(last.range());
    }

    /** A fix that inserts {@code " " + text} right after {@code word}. */
    static Fix insertAfter(Word word, String text, String description) {
        SourceRange at = new SourceRange(word.range().end(), word.range().end());
        return Fix.of(description, new TextEdit(at, " " + text));
    }

    /** Whether some argument is {@code rm}'s target below {@code dir} (e.g. {@code /var/lib/apt/lists/*}). */
    static boolean removes(SimpleCommand command, String... dirs) {
        if (!command.isNamed("rm")) {
            return false;
        }
        for (Word w : command.operands()) {
            for (String dir : dirs) {
                if (w.startsWith(dir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The simple commands after {@code command} in {@code all} (the RUN's commands in order). */
    static List<SimpleCommand> after(List<SimpleCommand> all, SimpleCommand command) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == command) {
                return all.subList(i + 1, all.size());
            }
        }
        return List.of();
    }
}
