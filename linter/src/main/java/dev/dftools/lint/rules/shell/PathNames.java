package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** Path strings as the rules compare them: resolved against a directory, normalised, globs. */
final class PathNames {

    /** A whole first path component that is a variable: {@code $dir}, {@code ${dir}/x}. */
    private static final Pattern ROOTED_VARIABLE = Pattern.compile("\\$(?:\\{[^}]*}|[A-Za-z_][A-Za-z0-9_]*)(?:/|$)");

    private PathNames() {
    }

    /**
     * {@code path} resolved against {@code cwd} (absolute, or a symbolic base such as
     * {@code <wd>}), with {@code .}, {@code ..} and repeated slashes removed.
     */
    static String resolve(String cwd, String path) {
        // "$dir/x": a variable at the start is taken as a rooted place of its own (mktemp -d,
        // $HOME), so "cd $dir" and "rm -rf $dir" agree wherever the RUN started
        String full = path.startsWith("/") ? path : ROOTED_VARIABLE.matcher(path).lookingAt() ? "/" + path
                : cwd + "/" + path;
        boolean absolute = full.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        String joined = String.join("/", parts);
        return absolute ? "/" + joined : joined;
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0;
    }

    /** A shell glob as a regex: {@code *} and {@code ?} do not cross {@code /}. */
    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close > i + 1) {
                        String set = glob.substring(i + 1, close).replace("\\", "\\\\");
                        re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = close;
                    } else {
                        re.append("\\[");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Whether {@code pattern} (a path or a glob) names {@code path} itself. */
    static boolean matches(String pattern, String path) {
        return isGlob(pattern) ? globPattern(pattern).matcher(path).matches() : pattern.equals(path);
    }

    /** Whether {@code path} lies strictly inside what {@code pattern} names. */
    static boolean isInside(String path, String pattern) {
        int slash = path.lastIndexOf('/');
        while (slash > 0) {
            path = path.substring(0, slash);
            if (matches(pattern, path)) {
                return true;
            }
            slash = path.lastIndexOf('/');
        }
        return false;
    }

    /**
     * The working directory when {@code target} runs, starting from {@code base}: {@code cd}s are
     * followed in source order (branches are not told apart), a {@code cd} to an unknown place
     * gives a directory that matches nothing.
     */
    static String cwdAt(List<dev.dftools.grammar.shell.SimpleCommand> commands,
            dev.dftools.grammar.shell.SimpleCommand target, String base) {
        String cwd = base;
        int unknown = 0;
        for (dev.dftools.grammar.shell.SimpleCommand c : commands) {
            if (c == target) {
                break;
            }
            if (c.isNamed("cd")) {
                List<dev.dftools.grammar.shell.Word> ops = c.operands();
                // a variable is kept as written: "$dir" here and in a later rm name the same place
                cwd = ops.size() == 1 && !ops.get(0).value().equals("-") ? resolve(cwd, home(ops.get(0).value()))
                        : "<dir" + ++unknown + ">";
            }
        }
        return cwd;
    }

    /** {@code ~} as root's home (what a build without USER uses). */
    static String home(String path) {
        return path.equals("~") ? "/root" : path.startsWith("~/") ? "/root" + path.substring(1) : path;
    }

    /** The targets of a RUN's {@code --mount} flags: what is written there stays out of the layer. */
    static List<String> mountTargets(Instruction instruction) {
        List<String> targets = new ArrayList<>();
        for (Flag flag : instruction.flags()) {
            if (!flag.name().equals("mount") || flag.value() == null) {
                continue;
            }
            for (String field : flag.value().split(",")) {
                int eq = field.indexOf('=');
                String key = eq < 0 ? field : field.substring(0, eq);
                if (eq > 0 && (key.equals("target") || key.equals("dst") || key.equals("destination"))) {
                    targets.add(resolve("/", field.substring(eq + 1)));
                }
            }
        }
        return targets;
    }

    /** Whether a path is a mount target or inside one. */
    static boolean underMount(String path, List<String> mounts) {
        for (String m : mounts) {
            if (path.equals(m) || path.startsWith(m.endsWith("/") ? m : m + "/")) {
                return true;
            }
        }
        return false;
    }
}
