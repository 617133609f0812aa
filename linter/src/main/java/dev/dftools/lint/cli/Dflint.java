package dev.dftools.lint.cli;

import dev.dftools.grammar.BuildKitDump;
import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.LintJob;
import dev.dftools.lint.Linter;
import dev.dftools.lint.RuleDocs;
import dev.dftools.lint.RuleMeta;
import dev.dftools.lint.RuleRegistry;
import dev.dftools.lint.Severity;
import dev.dftools.lint.config.ConfigDiscovery;
import dev.dftools.lint.config.ConfigFile;
import dev.dftools.lint.fix.FixApplier;
import dev.dftools.lint.fix.UnifiedDiff;
import dev.dftools.lint.report.Format;
import dev.dftools.lint.report.LintedFile;
import dev.dftools.lint.rules.Rules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dflint}: the Dockerfile linter's command line.
 * Exit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage or I/O error.
 */
public final class Dflint {

    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;

    private final DflintArgs args;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Built on first use: --help and --version need no rules. */
    private RuleRegistry registry;
    private final Set<String> warnedUnknown = new LinkedHashSet<>();
    private final Map<Path, BuildContext> contexts = new HashMap<>();

    private Dflint(DflintArgs args, PrintWriter out, PrintWriter err) {
        this.args = args;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        // halt, not exit: dflint has no shutdown hook, and Runtime.exit first looks up a System.Logger
        // to log the exit, which finds the logging backend: ~30 ms of a 150 ms cold run on JDK 25
        Runtime.getRuntime().halt(code);
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    static int run(String[] commandLine, PrintWriter out, PrintWriter err) {
        DflintOptions options = new DflintOptions();
        DflintArgs args;
        try {
            args = options.parse(commandLine);
        } catch (DflintOptions.BadArguments e) {
            err.println("dflint: " + e.getMessage());
            err.println("Try 'dflint --help' for more information.");
            err.flush();
            return USAGE;
        }
        if (args.help()) {
            options.printHelp(out);
            return OK;
        }
        if (args.version()) {
            out.println(DflintOptions.VERSION);
            out.flush();
            return OK;
        }
        try {
            return new Dflint(args, out, err).call();
        } catch (RuntimeException | Error e) {
            // one line for the user; the trace only when asked for
            err.println("dflint: internal error: " + e);
            if (args.debug()) {
                e.printStackTrace(err);
            }
            err.flush();
            return USAGE;
        }
    }

    /** A usage or input problem: one line for the user, exit code 2. */
    private static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    private int call() {
        registry = Rules.registry();
        try {
            if (args.listRules()) {
                listRules();
                return OK;
            }
            String rule = args.explain();
            if (rule != null) {
                return explain(rule);
            }
            Format outputFormat = Format.parse(args.format()).orElseThrow(() -> new UsageError(
                    "unknown --format '" + args.format() + "' (use tty, json, sarif, checkstyle, gnu, gitlab)"));
            if (args.paths().isEmpty()) {
                throw new UsageError("no Dockerfile given (try: dflint Dockerfile, or dflint --help)");
            }
            return lint(outputFormat);
        } catch (UsageError e) {
            err.println("dflint: " + e.getMessage());
            return USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int lint(Format outputFormat) throws UsageError {
        boolean ioError = false;
        boolean syntaxErrors = false;
        List<LintedFile> results = new ArrayList<>();
        Severity threshold = Severity.INFO;
        boolean anyNoFail = args.noFail();
        Map<Path, LintConfig> configs = new HashMap<>();
        Linter linter = new Linter(registry);
        List<Parsed> toLint = new ArrayList<>();
        List<Input> readable = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Input input : inputs()) {
            if (input.error() != null) {
                err.println("dflint: " + input.error());
                ioError = true;
                continue;
            }
            try {
                texts.add(input.path() == null ? SourceFiles.readStdin(System.in) : SourceFiles.read(input.path()));
                readable.add(input);
            } catch (SourceFiles.UnreadableFile e) {
                err.println("dflint: " + e.getMessage());
                ioError = true;
            }
        }
        // parsing is independent per file: use every core (one file: no thread pool to start)
        List<Dockerfile> parsedFiles = (texts.size() > 1 ? texts.parallelStream() : texts.stream())
                .map(Dockerfiles::parse).toList();
        for (int i = 0; i < readable.size(); i++) {
            Input input = readable.get(i);
            String text = texts.get(i);
            Dockerfile dockerfile = parsedFiles.get(i);
            if (args.printAst()) {
                if (args.paths().size() > 1 || input.fromDirectory()) {
                    out.println("# " + input.name());
                }
                out.print(BuildKitDump.dump(dockerfile));
                for (var e : dockerfile.errors()) {
                    err.printf("%s:%d:%d: error: %s%n", input.name(), e.range().start().line(),
                            e.range().start().column(), e.message());
                    syntaxErrors = true;
                }
                continue;
            }
            Path dir = input.path() == null ? Path.of("").toAbsolutePath() : input.path().toAbsolutePath().getParent();
            LintConfig config = configs.containsKey(dir) ? configs.get(dir) : config(dir);
            configs.put(dir, config);
            threshold = config.failureThreshold();
            anyNoFail = anyNoFail || config.noFail();
            toLint.add(new Parsed(input, text, new LintJob(dockerfile, config, context(input))));
        }
        // all files at once: batch rules (ShellCheck) run one process, files are checked in parallel
        List<List<Finding>> found = linter.lintAll(toLint.stream().map(Parsed::job).toList());
        for (int i = 0; i < toLint.size(); i++) {
            Parsed parsed = toLint.get(i);
            String text = parsed.text();
            List<Finding> findings = found.get(i);
            if (args.fix()) {
                FixApplier.Result fixed = FixApplier.apply(text, findings);
                if (fixed.applied() > 0) {
                    Input input = parsed.input();
                    if (args.dryRun()) {
                        out.print(UnifiedDiff.of(input.name(), text, fixed.text()));
                    } else if (input.path() != null) {
                        write(input.path(), fixed.text());
                        err.printf("dflint: %s: applied %d fix%s%n", input.name(), fixed.applied(),
                                fixed.applied() == 1 ? "" : "es");
                    } else {
                        out.print(fixed.text()); // fixing standard input writes the result to standard output
                    }
                    text = fixed.text();
                    findings = linter.lint(Dockerfiles.parse(text), parsed.job().config(), parsed.job().context());
                }
            }
            results.add(new LintedFile(parsed.input().name(), text, findings));
        }
        if (args.printAst()) {
            return ioError ? USAGE : syntaxErrors ? FINDINGS : OK;
        }
        if (!(args.fix() && args.dryRun())) {
            outputFormat.reporter(useColor(outputFormat)).write(results, out);
        }
        if (ioError) {
            return USAGE;
        }
        final Severity failAt = threshold;
        boolean failing = results.stream().flatMap(r -> r.findings().stream())
                .anyMatch(f -> f.severity().atLeast(failAt));
        return anyNoFail || !failing ? OK : FINDINGS;
    }

    private void write(Path path, String text) throws UsageError {
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError(path + ": cannot write the fixed file: " + e.getMessage());
        }
    }

    private boolean useColor(Format outputFormat) {
        return outputFormat == Format.TTY && !args.noColor() && System.getenv("NO_COLOR") == null && System.console() != null;
    }

    /** One context per directory for the whole run: it lists each of its directories once. */
    private BuildContext context(Input input) {
        if (args.noContext()) {
            return null;
        }
        Path contextDir = args.contextDir();
        if (contextDir != null) {
            return contexts.computeIfAbsent(contextDir, BuildContext::new);
        }
        return input.path() == null ? null
                : contexts.computeIfAbsent(input.path().toAbsolutePath().getParent(), BuildContext::new);
    }

    /** The configuration for Dockerfiles in {@code dir}: file (given or discovered), then command-line options. */
    private LintConfig config(Path dir) throws UsageError {
        LintConfig config = LintConfig.defaults();
        Optional<Path> file = args.configFile() != null ? Optional.ofNullable(args.configFile()) : ConfigDiscovery.find(dir);
        if (file.isPresent()) {
            if (!Files.isRegularFile(file.get())) {
                throw new UsageError(file.get() + ": configuration file not found");
            }
            try {
                config = ConfigFile.read(file.get(), config);
            } catch (ConfigFile.ConfigException e) {
                throw new UsageError(e.getMessage());
            }
            warnUnknown(config, file.get().toString());
        }
        Set<String> ignored = new LinkedHashSet<>(config.ignored());
        ignored.addAll(args.ignore());
        Map<String, Severity> overrides = new LinkedHashMap<>(config.overrides());
        args.asError().forEach(c -> overrides.put(c, Severity.ERROR));
        args.asWarning().forEach(c -> overrides.put(c, Severity.WARNING));
        args.asInfo().forEach(c -> overrides.put(c, Severity.INFO));
        args.asStyle().forEach(c -> overrides.put(c, Severity.STYLE));
        List<String> registries = new ArrayList<>(config.trustedRegistries());
        registries.addAll(args.trustedRegistries());
        Map<String, String> schema = new LinkedHashMap<>(config.labelSchema());
        for (String label : args.requiredLabels()) {
            int colon = label.lastIndexOf(':');
            if (colon <= 0) {
                throw new UsageError("--require-label needs NAME:TYPE, got '" + label + "'");
            }
            schema.put(label.substring(0, colon), label.substring(colon + 1));
        }
        Severity threshold = config.failureThreshold();
        String failAt = args.failureThreshold();
        if (failAt != null) {
            threshold = Severity.parse(failAt).orElseThrow(() -> new UsageError(
                    "unknown --failure-threshold '" + failAt + "' (use error, warning, info, style)"));
        }
        Set<String> enabled = new LinkedHashSet<>(config.enabled());
        enabled.addAll(args.enable());
        LintConfig result = new LintConfig(ignored, overrides, registries, schema, config.strictLabels() || args.strictLabels(),
                threshold, config.noFail() || args.noFail(), config.disableIgnorePragma() || args.disableIgnorePragma(), enabled);
        warnUnknown(new LintConfig(Set.copyOf(args.ignore()), Map.of(), List.of(), Map.of(), false, Severity.INFO, false,
                false, Set.copyOf(args.enable())), "the command line");
        return result;
    }

    /** Unknown rule names in configuration are reported, not silently ignored. */
    private void warnUnknown(LintConfig config, String source) {
        List<String> names = new ArrayList<>(config.ignored());
        names.addAll(config.overrides().keySet());
        names.addAll(config.enabled());
        for (String name : names) {
            if (!name.equals("*") && !registry.isKnown(name) && warnedUnknown.add(source + "|" + name)) {
                err.println("dflint: warning: " + source + ": unknown rule '" + name + "'");
            }
        }
    }

    /** A file read and parsed, waiting to be linted with the others. */
    private record Parsed(Input input, String text, LintJob job) {
    }

    /** One thing to lint: a file, standard input (path null), or a problem to report. */
    private record Input(String name, Path path, String error, boolean fromDirectory) {
    }

    private List<Input> inputs() {
        List<Input> inputs = new ArrayList<>();
        for (String p : args.paths()) {
            if (p.equals("-")) {
                inputs.add(new Input("-", null, null, false));
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try {
                    List<Path> found = DockerfileFinder.find(path);
                    if (found.isEmpty()) {
                        inputs.add(new Input(p, path, p + ": no Dockerfile found in this directory", false));
                    }
                    for (Path f : found) {
                        inputs.add(new Input(f.toString(), f, null, true));
                    }
                } catch (IOException e) {
                    inputs.add(new Input(p, path, p + ": cannot read directory: " + e.getMessage(), false));
                }
            } else {
                inputs.add(new Input(p, path, null, false));
            }
        }
        return inputs;
    }

    private void listRules() {
        out.printf("%-7s %-36s %-8s %-28s %s%n", "CODE", "NAME", "SEVERITY", "ALSO KNOWN AS", "SUMMARY");
        for (RuleMeta meta : registry.metas()) {
            out.printf("%-7s %-36s %-8s %-28s %s%n", meta.code(), meta.slug(),
                    meta.severity().label() + (meta.enabledByDefault() ? "" : "*"),
                    String.join(",", meta.aliases()), meta.summary());
        }
        out.println("(* off by default; turn on with --enable or 'enabled:' in .dflint.yaml)");
    }

    private int explain(String name) throws UsageError {
        Set<String> codes = registry.resolve(name);
        if (codes.isEmpty() || registry.meta(codes.iterator().next()).isEmpty()) {
            throw new UsageError("unknown rule '" + name + "' (see dflint --list-rules)");
        }
        for (String code : codes) {
            RuleMeta meta = registry.meta(code).orElseThrow();
            out.println(RuleDocs.page(meta, RuleDocs.sidecar(code).orElse("")));
        }
        return OK;
    }
}
