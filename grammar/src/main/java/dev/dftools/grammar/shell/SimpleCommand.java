package dev.dftools.grammar.shell;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.dftools.grammar.ast.SourceRange;

/**
 * A simple command: {@code A=1 B=2 name arg... >redirect}.
 *
 * @param assignments the {@code NAME=value} words before the name
 * @param name        the first word that is not an assignment; null for {@code A=1} or a bare
 *                    redirection
 * @param args        the words after the name
 * @param redirects   all redirections, wherever they appear
 * @param before      the operator joining this command to the previous one ({@code a && b}:
 *                    {@code &&} for b); null at the start of the script or of a nested list
 *                    opened without one
 * @param after       the operator after this command, looking past closing {@code ) } fi done
 *                    esac}; null at the end of the script
 */
public record SimpleCommand(List<Assignment> assignments, @Nullable Word name, List<Word> args,
        List<Redirect> redirects, SourceRange range, @Nullable ControlOperator before,
        @Nullable ControlOperator after) implements ShellNode {

    public SimpleCommand {
        assignments = List.copyOf(assignments);
        args = List.copyOf(args);
        redirects = List.copyOf(redirects);
    }

    @Override
    public List<ShellNode> children() {
        return List.of();
    }

    /** The name's value, or "" when there is no name. */
    public String nameValue() {
        return name == null ? "" : name.value();
    }

    /**
     * Whether the command name is known and is one of {@code names}, also when called by path
     * ({@code /usr/bin/apt-get} is {@code apt-get}).
     */
    public boolean isNamed(String... names) {
        Word n = name;
        if (n == null || n.hasExpansion()) {
            return false;
        }
        String value = n.value();
        String base = value.substring(value.lastIndexOf('/') + 1);
        for (String candidate : names) {
            if (value.equals(candidate) || base.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The name followed by the arguments. */
    public List<Word> words() {
        Word n = name;
        if (n == null) {
            return args;
        }
        List<Word> all = new ArrayList<>(args.size() + 1);
        all.add(n);
        all.addAll(args);
        return all;
    }

    /** The arguments' values. */
    public List<String> argValues() {
        List<String> values = new ArrayList<>(args.size());
        for (Word w : args) {
            values.add(w.value());
        }
        return values;
    }

    /** Whether some argument (before {@code --}) has one of the given literal values. */
    public boolean hasArg(String... values) {
        for (Word w : args) {
            if (w.is("--")) {
                return false;
            }
            if (w.is(values)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one of the flags is given, before a {@code --} argument. {@code --name} matches
     * {@code --name} and {@code --name=value}; a one-letter flag {@code -y} also matches inside
     * grouped short flags ({@code -qy}); any other {@code -name} matches exactly (or
     * {@code -name=value}).
     */
    public boolean hasFlag(String... flags) {
        return flagWord(flags) != null;
    }

    /** The first argument matching one of the flags as in {@link #hasFlag}, or null. */
    public @Nullable Word flagWord(String... flags) {
        for (Word w : args) {
            String v = w.value();
            if (v.equals("--")) {
                return null;
            }
            if (!v.startsWith("-") || v.length() < 2) {
                continue;
            }
            for (String flag : flags) {
                if (matchesFlag(v, flag)) {
                    return w;
                }
            }
        }
        return null;
    }

    private static boolean matchesFlag(String arg, String flag) {
        if (arg.equals(flag) || arg.startsWith(flag + "=")) {
            return true;
        }
        if (flag.length() == 2 && flag.charAt(0) == '-' && flag.charAt(1) != '-' && !arg.startsWith("--")) {
            // grouped short flags: the letters up to the first char that is not a letter or digit
            char letter = flag.charAt(1);
            for (int i = 1; i < arg.length() && Character.isLetterOrDigit(arg.charAt(i)); i++) {
                if (arg.charAt(i) == letter) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The arguments after the first one whose literal value is {@code value}; empty if there is
     * none. E.g. {@code argsAfter("install")} for the packages of {@code apt-get -y install a b}.
     */
    public List<Word> argsAfter(String value) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).is(value)) {
                return args.subList(i + 1, args.size());
            }
        }
        return List.of();
    }

    /** The arguments that do not start with {@code -} (all of them after {@code --}). */
    public List<Word> operands() {
        List<Word> out = new ArrayList<>();
        boolean afterDashDash = false;
        for (Word w : args) {
            if (!afterDashDash && w.is("--")) {
                afterDashDash = true;
            } else if (afterDashDash || !w.value().startsWith("-") || w.value().equals("-")) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Assignments made by this command: the prefix ones, plus {@code NAME=value} arguments of
     * {@code export}, {@code readonly}, {@code local}, {@code declare} and {@code typeset}.
     */
    public List<Assignment> declarations() {
        if (!isNamed("export", "readonly", "local", "declare", "typeset")) {
            return assignments;
        }
        List<Assignment> out = new ArrayList<>(assignments);
        for (Word w : args) {
            Assignment a = Words.asAssignment(w);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }
}
