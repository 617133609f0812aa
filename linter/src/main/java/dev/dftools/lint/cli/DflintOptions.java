package dev.dftools.lint.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * dflint's options: their declaration, parsing and help text, with Apache Commons CLI.
 * Not picocli (which dfsim uses): its model building costs ~110 ms of a cold run whose whole
 * budget is ~230 ms (docs/benchmarks.md); Commons CLI takes ~10 ms.
 */
final class DflintOptions {

    static final String VERSION = "dflint 0.1.0";

    private static final String SYNTAX = "dflint [OPTION]... PATH...";
    private static final String DESCRIPTION = "Lint Dockerfiles: BuildKit's checks, hadolint's rules and the Docker "
            + "docs' advice on layers, caches and the build context. PATH is a Dockerfile or a directory (searched "
            + "recursively); - reads standard input.";
    private static final String EXIT_CODES = """
            Exit codes:
              0   no finding at or above the failure threshold
              1   findings at or above the failure threshold (default: info)
              2   usage error, unreadable input or configuration""";

    private final Options options = new Options();

    DflintOptions() {
        valued("f", "format", "FORMAT", "Output: tty (default), json, sarif, checkstyle, gnu, gitlab.");
        valued("c", "config", "FILE", "Configuration file (.dflint.yaml or .hadolint.yaml syntax); default: searched "
                + "from each Dockerfile's folder up to the repository root, then the user's config.");
        valued(null, "context", "DIR", "Build context for the context rules (default: each Dockerfile's folder).");
        flag(null, "no-context", "Do not look at any build context.");
        valued(null, "ignore", "RULE[,RULE...]", "Rules to skip (DF/DL/SC codes or BuildKit names).");
        valued(null, "enable", "RULE[,RULE...]", "Turn on rules that are off by default.");
        valued(null, "error", "RULE[,RULE...]", "Report these rules as errors.");
        valued(null, "warning", "RULE[,RULE...]", "Report these rules as warnings.");
        valued(null, "info", "RULE[,RULE...]", "Report these rules as info.");
        valued(null, "style", "RULE[,RULE...]", "Report these rules as style.");
        valued(null, "trusted-registry", "REGISTRY", "Allowed base-image registry (repeatable).");
        valued(null, "require-label", "NAME:TYPE",
                "Required label and its type (text, url, semver, hash, rfc3339, spdx, email; repeatable).");
        flag(null, "strict-labels", "Report labels that are not in the label schema.");
        flag(null, "disable-ignore-pragma", "Inline ignore comments have no effect.");
        valued("t", "failure-threshold", "SEVERITY",
                "Least severe finding that fails the run: error, warning, info, style (default info).");
        flag(null, "no-fail", "Always exit 0 when the input could be read.");
        flag(null, "no-color", "No colour in tty output (also NO_COLOR=1).");
        flag(null, "fix", "Apply the safe fixes in place.");
        flag(null, "dry-run", "With --fix: print the changes as a diff instead of writing them.");
        flag(null, "list-rules", "List every rule and exit.");
        valued(null, "explain", "RULE", "Show a rule's documentation and exit.");
        flag(null, "print-ast", "Print the parse in BuildKit's AST dump format instead of linting.");
        flag(null, "debug", "Show stack traces of internal errors.");
        flag("h", "help", "Show this help message and exit.");
        flag("V", "version", "Print version information and exit.");
    }

    /** A command line that cannot be parsed; the message is for the user. */
    static final class BadArguments extends Exception {
        private static final long serialVersionUID = 1L;

        BadArguments(String message) {
            super(message, null, false, false);
        }
    }

    DflintArgs parse(String[] args) throws BadArguments {
        CommandLine line;
        try {
            line = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args);
        } catch (MissingArgumentException e) {
            throw new BadArguments("option --" + e.getOption().getLongOpt() + " needs a value ("
                    + e.getOption().getArgName() + ")");
        } catch (UnrecognizedOptionException e) {
            throw new BadArguments("unknown option '" + e.getOption() + "'");
        } catch (ParseException e) {
            throw new BadArguments(e.getMessage());
        }
        Given given = Given.of(line);
        return new DflintArgs(
                line.getArgList(),
                value(given, "format", "tty"),
                path(given, "config"),
                path(given, "context"),
                given.has("no-context"),
                list(given, "ignore"),
                list(given, "enable"),
                list(given, "error"),
                list(given, "warning"),
                list(given, "info"),
                list(given, "style"),
                repeated(given, "trusted-registry"),
                repeated(given, "require-label"),
                given.has("strict-labels"),
                given.has("disable-ignore-pragma"),
                given.first("failure-threshold"),
                given.has("no-fail"),
                given.has("no-color"),
                given.has("fix"),
                given.has("dry-run"),
                given.has("list-rules"),
                given.first("explain"),
                given.has("print-ast"),
                given.has("debug"),
                given.has("help"),
                given.has("version"));
    }

    void printHelp(PrintWriter out) {
        HelpFormatter help = HelpFormatter.builder().setPrintWriter(out).get();
        help.setOptionComparator(null); // the declaration order groups the options by purpose
        help.printHelp(out, 80, SYNTAX, DESCRIPTION + "\n\n", options, 2, 3, "\n" + EXIT_CODES);
        out.flush();
    }

    private void valued(@Nullable String shortName, String longName, String argName, String description) {
        options.addOption(Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get());
    }

    private void flag(@Nullable String shortName, String longName, String description) {
        options.addOption(Option.builder(shortName).longOpt(longName).desc(description).get());
    }

    /**
     * The options given, by long name, read once: Commons CLI resolves the name anew (with streams)
     * on each of the 27 lookups, which shows in a cold run.
     */
    private record Given(Map<String, List<String>> values) {

        static Given of(CommandLine line) {
            Map<String, List<String>> values = new HashMap<>();
            for (Option option : line.getOptions()) {   // one per occurrence
                List<String> all = values.get(option.getLongOpt());
                if (all == null) {
                    all = new ArrayList<>();
                    values.put(option.getLongOpt(), all);
                }
                all.addAll(option.getValuesList());
            }
            return new Given(values);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        @Nullable String first(String name) {
            List<String> all = values.get(name);
            return all == null || all.isEmpty() ? null : all.get(0);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }
    }

    private static String value(Given given, String name, String fallback) {
        String value = given.first(name);
        return value == null ? fallback : value;
    }

    private static @Nullable Path path(Given given, String name) throws BadArguments {
        String value = given.first(name);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadArguments("--" + name + ": not a path: " + value);
        }
    }

    /** Every occurrence of a repeatable option. */
    private static List<String> repeated(Given given, String name) {
        return List.copyOf(given.all(name));
    }

    /** A repeatable option whose values may also be comma-separated: {@code --ignore A,B --ignore C}. */
    private static List<String> list(Given given, String name) {
        List<String> all = new ArrayList<>();
        for (String value : given.all(name)) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    all.add(item.strip());
                }
            }
        }
        return all;
    }
}
