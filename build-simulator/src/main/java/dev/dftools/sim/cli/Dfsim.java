package dev.dftools.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.build.BuildException;
import dev.dftools.sim.build.Builder;
import dev.dftools.sim.registry.AuthFiles;
import dev.dftools.sim.registry.BaseImages;
import dev.dftools.sim.registry.ImageRef;
import dev.dftools.sim.registry.Platform;
import dev.dftools.sim.registry.Puller;
import dev.dftools.sim.registry.Pusher;
import dev.dftools.sim.registry.RegistryClient;
import dev.dftools.sim.registry.RegistryException;
import dev.dftools.sim.build.Secret;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OwnedDirs;
import dev.dftools.sim.sandbox.Rootless;
import dev.dftools.sim.sandbox.SandboxCheck;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;
import dev.dftools.sim.plan.BuildPlan;
import dev.dftools.sim.plan.PlanException;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.ContextFiles;
import dev.dftools.sim.report.DryRunEstimator;
import dev.dftools.sim.report.ReportJson;
import dev.dftools.sim.report.TableRenderer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dfsim}: the build simulator's command line.
 * Exit codes: 0 ok, 1 a step failed, 2 usage or input error, 3 the host could not do it (disk full).
 */
@Command(name = "dfsim", mixinStandardHelpOptions = true, version = "dfsim 0.1.0",
        description = "Build a Dockerfile without a Docker engine and show what each layer costs.")
public final class Dfsim implements Callable<Integer> {

    static final int OK = 0;
    static final int BUILD_FAILED = 1;
    static final int USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * The subcommands in help order. picocli builds a command's model from its annotations by
     * reflection (interpreted at start-up): only the one named on the command line is built, all
     * of them when none is (help, a typo).
     */
    private static final Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, java.util.function.Supplier<Object>> subcommands() {
        Map<String, java.util.function.Supplier<Object>> all = new LinkedHashMap<>();
        all.put("build", Build::new);
        all.put("import", Import::new);
        all.put("images", Images::new);
        all.put("history", HistoryCommand::new);
        all.put("pull", Pull::new);
        all.put("push", Push::new);
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Dfsim());
        java.util.function.Supplier<Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            SUBCOMMANDS.forEach((name, make) -> cli.addSubcommand(name, make.get()));
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("dfsim: " + ex.getMessage());
            err.println("Try 'dfsim --help' for more information.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("dfsim: internal error: " + ex);
            return USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** {@code dfsim build}. */
    @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Build an image from a Dockerfile: bases from the local store (see dfsim import), "
                + "pulled from their registry when missing (--pull), RUN in a root or rootless overlay sandbox, "
                + "a layer cache in the store (--no-cache runs every step).",
                "--dry-run: a static estimate without executing anything."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the build (or estimate) succeeded",
                "1:a step failed (a RUN exited non-zero or ran past --timeout)",
                "2:usage error or bad input (missing context or Dockerfile, syntax error, unknown base image or "
                    + "target, bad --build-arg), or no usable sandbox",
                "3:the host could not do it (no space left on device)",
                "130/143:interrupted by SIGINT/SIGTERM (running steps are killed, temp dirs removed)"})
    static final class Build implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
        private Path context;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Dockerfile (default: CONTEXT/Dockerfile).")
        private Path file;

        @Option(names = "--build-arg", paramLabel = "K=V", description = "A build argument (repeatable).")
        private List<String> buildArgs = new ArrayList<>();

        @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage (default: the last).")
        private String target;

        @Option(names = "--network", paramLabel = "MODE", description = "RUN network: host (default) or none.")
        private String network = "host";

        @Option(names = "--progress", paramLabel = "MODE",
                description = "Progress on stderr: auto (default: a status line on a terminal), tty or plain.")
        private String progressMode = "auto";

        @Option(names = "--secret", paramLabel = "id=ID,src=FILE|env=VAR",
                description = "A secret for RUN --mount=type=secret (repeatable); never stored in the image.")
        private List<String> secrets = new java.util.ArrayList<>();

        @Option(names = "--no-cache", description = "Do not use the layer cache: run every step (the new layers are still recorded in it).")
        private boolean noCache;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "Kill a RUN that takes longer "
                + "(e.g. 90s, 10m, 1h; a plain number is seconds; default 30m); the build fails at its line.")
        private String timeout;

        @Option(names = "--format", paramLabel = "FORMAT", description = "Report format: table (default) or json.")
        private String format = "table";

        @Option(names = "--output", paramLabel = "type=oci|docker,dest=FILE", description = "Export the image.")
        private String output;

        @Option(names = {"-t", "--tag"}, paramLabel = "NAME", description = "Name of the image.")
        private String tag;

        @Option(names = "--dry-run", description = "Do not execute: estimate COPY/ADD sizes from the context, "
                + "mark RUN and COPY --from as not executed.")
        private boolean dryRun;

        @CommandLine.Mixin
        private StoreOption store;

        // registry: FROM images missing from the store are pulled (dev.dftools.sim.registry)
        @Option(names = "--pull", paramLabel = "POLICY", description = "Pull FROM images: missing (default: when "
                + "not in the store), always, never.")
        private String pull = "missing";

        @CommandLine.Mixin
        private RegistryOptions registry;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                validate();
                BaseImages.PullPolicy pullPolicy = parsePull();
                Path dockerfile = file != null ? file : context.resolve("Dockerfile");
                if (!Files.isRegularFile(dockerfile)) {
                    throw new UsageError("Dockerfile not found: " + dockerfile);
                }
                String name = file != null ? file.toString() : "Dockerfile";
                PlanOptions options = new PlanOptions(name, parseBuildArgs(), target, PlanOptions.hostPlatform());
                if (!dryRun) {
                    ImageStore lookup = store.open();
                    options = options.withOnBuild(image -> {
                        try {
                            List<String> triggers = lookup.image(image).config().config().onBuild();
                            return triggers == null ? List.of() : triggers;
                        } catch (StoreException e) {
                            return List.of(); // not in the store: the build says so when it needs the base
                        }
                    });
                }
                BuildPlan plan = Planner.plan(Dockerfiles.parse(Files.readString(dockerfile)), options);
                DockerIgnore ignore = DockerIgnore.load(context, dockerfile).orElse(DockerIgnore.empty());
                if (!dryRun) {
                    if (Rootless.needsReexec()) {
                        // sim-safety: a non-root user builds inside a user namespace: run again in one
                        SandboxCheck rootless = Rootless.check();
                        if (!rootless.ok()) {
                            throw new UsageError(rootless.message());
                        }
                        return Rootless.reexec();
                    }
                    String name2 = tag != null ? tag : defaultTag(context);
                    ImageStore images = store.open();
                    Builder.Result result;
                    try (ProgressPrinter progress = new ProgressPrinter(err,
                            progressMode.equals("tty") || progressMode.equals("auto") && ProgressPrinter.stderrIsTerminal())) {
                        BaseImages bases = new BaseImages(images, pullPolicy, registry.lazyClient(),
                                line -> progress.line(dev.dftools.sim.sandbox.OutputSink.Stream.STDERR, line));
                        Builder untimed = new Builder(images, OwnedDirs.defaultParent("dfsim-build"), progress,
                                java.time.Clock.systemUTC(), bases).withProgress(progress);
                        Builder builder = timeout == null ? untimed : untimed.withRunTimeout(parseDuration(timeout));
                        result = builder.build(new Builder.Request(plan, context.toAbsolutePath(), ignore,
                                name, name2, network.equals("none") ? Network.NONE : Network.HOST, noCache,
                                parseSecrets()));
                    }
                    if (output != null) {
                        String dest = output.substring(output.indexOf(",dest=") + 6);
                        if (output.startsWith("type=oci")) {
                            images.exportOci(result.image().name(), Path.of(dest));
                        } else {
                            images.exportDockerArchive(result.image().name(), Path.of(dest));
                        }
                    }
                    err.println("dfsim: built " + result.image().name() + " (" + result.image().id() + ")");
                    out.print(format.equals("json") ? ReportJson.write(result.report()) + System.lineSeparator()
                            : TableRenderer.render(result.report()));
                    return OK;
                }
                BuildReport report = new DryRunEstimator(name, ContextFiles.scan(context, ignore)).estimate(plan, tag);
                out.print(format.equals("json") ? ReportJson.write(report) + System.lineSeparator()
                        : TableRenderer.render(report));
                return OK;
            } catch (UsageError | PlanException | StoreException e) {
                err.println("dfsim: " + e.getMessage());
                return USAGE;
            } catch (BuildException e) {
                err.println("dfsim: " + e.getMessage());
                return e.exitCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("dfsim: interrupted");
                return BUILD_FAILED;
            } catch (DockerIgnore.BadPatternException e) {
                err.println("dfsim: bad .dockerignore: " + e.getMessage());
                return USAGE;
            } catch (IOException e) {
                err.println("dfsim: " + e);
                return USAGE;
            }
        }

        private BaseImages.PullPolicy parsePull() throws UsageError {
            try {
                return BaseImages.PullPolicy.parse(pull);
            } catch (RegistryException e) {
                throw new UsageError(e.getMessage());
            }
        }

        private void validate() throws UsageError {
            if (!Files.isDirectory(context)) {
                throw new UsageError("build context is not a directory: " + context);
            }
            if (!format.equals("table") && !format.equals("json")) {
                throw new UsageError("--format must be table or json, not " + format);
            }
            if (!List.of("auto", "tty", "plain").contains(progressMode)) {
                throw new UsageError("--progress must be auto, tty or plain, not " + progressMode);
            }
            if (!network.equals("host") && !network.equals("none")) {
                throw new UsageError("--network must be host or none, not " + network);
            }
            if (timeout != null) {
                parseDuration(timeout);
            }
            if (output != null && !output.matches("type=(oci|docker),dest=.+")) {
                throw new UsageError("--output must be type=oci|docker,dest=FILE, not " + output);
            }
            parseBuildArgs();
            parseSecrets();
        }

        private List<Secret> parseSecrets() throws UsageError {
            List<Secret> parsed = new java.util.ArrayList<>();
            for (String s : secrets) {
                try {
                    Secret secret = Secret.parse(s);
                    if (secret.file() != null && !Files.isReadable(secret.file())) {
                        throw new UsageError("--secret " + s + ": cannot read " + secret.file());
                    }
                    parsed.add(secret);
                } catch (IllegalArgumentException e) {
                    throw new UsageError(e.getMessage());
                }
            }
            return parsed;
        }

        private Map<String, String> parseBuildArgs() throws UsageError {
            Map<String, String> args = new LinkedHashMap<>();
            for (String arg : buildArgs) {
                int eq = arg.indexOf('=');
                String key = eq < 0 ? arg : arg.substring(0, eq);
                if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new UsageError("bad --build-arg " + arg + ": expected NAME=VALUE");
                }
                if (eq < 0) {
                    // like docker: --build-arg NAME takes the value from the environment, if set
                    String value = System.getenv(key);
                    if (value != null) {
                        args.put(key, value);
                    }
                } else {
                    args.put(key, arg.substring(eq + 1));
                }
            }
            return args;
        }
    }

    /** {@code --timeout}: 500ms, 90s, 10m, 1h, or a plain number of seconds. */
    static java.time.Duration parseDuration(String text) throws UsageError {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)?").matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new UsageError("--timeout must be a positive duration such as 90s, 10m or 1h, not " + text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofSeconds(n);
        };
    }

    /** The name of an untagged build: the context dir's name, lower case, like compose does. */
    static String defaultTag(Path context) {
        Path abs = context.toAbsolutePath().normalize();
        String base = abs.getFileName() == null ? "image" : abs.getFileName().toString();
        String clean = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-")
                .replaceAll("^[^a-z0-9]+", "");
        return "localhost/" + (clean.isEmpty() ? "image" : clean) + ":latest";
    }

    /** {@code --store DIR} on every subcommand. */
    static final class StoreOption {
        @Option(names = "--store", paramLabel = "DIR",
                description = "Image store (OCI layout). Default: $XDG_CACHE_HOME/dftools/images or ~/.cache/dftools/images.")
        Path dir;

        ImageStore open() throws StoreException {
            return dir == null ? ImageStore.openDefault() : ImageStore.open(dir);
        }
    }

    /** Registry options shared by build, pull and push. */
    static final class RegistryOptions {
        @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
                description = "Talk plain http to this registry (repeatable). Loopback hosts always use http.")
        List<String> insecure = new ArrayList<>();

        @Option(names = "--authfile", paramLabel = "FILE", description = "Credentials file (docker config.json or "
                + "podman auth.json). Default: $REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, "
                + "~/.config/containers/auth.json, $DOCKER_CONFIG/config.json or ~/.docker/config.json.")
        Path authFile;

        /**
         * The client made on first use: a build whose bases are all in the store never starts the
         * HttpClient (its TLS classes cost ~150 ms, and its selector thread, blocked in native
         * code, holds System.exit for 300 ms).
         */
        java.util.function.Supplier<RegistryClient> lazyClient() {
            return new java.util.function.Supplier<>() {
                private @org.eclipse.jdt.annotation.Nullable RegistryClient made;

                @Override
                public RegistryClient get() {
                    if (made == null) {
                        made = client();
                    }
                    return made;
                }
            };
        }

        RegistryClient client() {
            AuthFiles files = AuthFiles.fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")),
                    authFile);
            return new RegistryClient(files, RegistryClient.Options.defaults()
                    .withInsecureHosts(java.util.Set.copyOf(insecure)));
        }
    }

    /** {@code dfsim pull}: a registry image into the store. */
    @Command(name = "pull", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Pull an image from a registry into the store, named by its full reference "
                + "(e.g. busybox -> docker.io/library/busybox:latest).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:pulled", "1:the registry refused or failed (not found, unreachable, unauthorized, "
                + "digest mismatch, no such platform)", "2:usage error (bad reference or option) or store error"})
    static final class Pull implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "REF", description = "[REGISTRY[:PORT]/]REPO[:TAG][@DIGEST]")
        private String reference;

        @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
                description = "Platform to pick from a multi-platform image (default: this host's).")
        private String platform;

        @CommandLine.Mixin
        private RegistryOptions registry;

        @CommandLine.Mixin
        private StoreOption store;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            return registryCommand(err, () -> {
                ImageRef ref = ImageRef.parse(reference);
                Platform p = Platform.parse(platform != null ? platform : PlanOptions.hostPlatform());
                StoredImage image = new Puller(registry.client(), store.open(), err::println).pull(ref, p);
                spec.commandLine().getOut().println(image.name() + " " + image.manifestDescriptor().digest());
            });
        }
    }

    /** {@code dfsim push}: an image of the store to a registry. */
    @Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Push an image of the store to a registry (layers, config, then the manifest as stored).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:pushed", "1:the registry refused or failed", "2:usage error or store error"})
    static final class Push implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The image in the store.")
        private String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "REF",
                description = "Where to push it (default: NAME), e.g. 127.0.0.1:5000/team/app:1.0.")
        private String target;

        @CommandLine.Mixin
        private RegistryOptions registry;

        @CommandLine.Mixin
        private StoreOption store;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            return registryCommand(err, () -> {
                ImageRef ref = ImageRef.parse(target != null ? target : name);
                var digest = new Pusher(registry.client(), store.open(), err::println).push(name, ref);
                spec.commandLine().getOut().println(ref + " " + digest);
            });
        }
    }

    /** The body of pull or push. */
    @FunctionalInterface
    private interface RegistryCommand {
        void run() throws RegistryException, StoreException;
    }

    /** Runs a pull or push: exit 1 when the registry refused or failed, 2 for usage and store errors. */
    private static int registryCommand(PrintWriter err, RegistryCommand command) {
        try {
            command.run();
            return OK;
        } catch (RegistryException e) {
            err.println("dfsim: " + e.getMessage());
            return e.kind() == RegistryException.Kind.BAD_REFERENCE ? USAGE : BUILD_FAILED;
        } catch (StoreException e) {
            err.println("dfsim: " + e.getMessage());
            return USAGE;
        }
    }

    /** {@code dfsim import}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a rootfs (tar, gzipped tar or directory) as a one-layer image, like docker import.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ROOTFS", description = "A rootfs tar (.tar, .tar.gz) or directory.")
        private Path rootfs;

        @Parameters(index = "1", paramLabel = "NAME", description = "Image name, e.g. localhost/busybox:local.")
        private String name;

        @CommandLine.Mixin
        private StoreOption store;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                StoredImage image = store.open().importRootfs(rootfs, name);
                spec.commandLine().getOut().println(image.name() + " " + image.id() + " "
                        + TableRenderer.bytes(image.size()));
                return OK;
            } catch (StoreException e) {
                spec.commandLine().getErr().println("dfsim: " + e.getMessage());
                return USAGE;
            }
        }
    }

    /** {@code dfsim images}. */
    @Command(name = "images", mixinStandardHelpOptions = true, description = "List the images in the store.")
    static final class Images implements Callable<Integer> {
        @CommandLine.Mixin
        private StoreOption store;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                List<StoredImage> images = store.open().list();
                out.printf("%-40s %-19s %7s %12s%n", "NAME", "ID", "LAYERS", "SIZE");
                for (StoredImage i : images) {
                    String id = i.id().toString();
                    id = id.substring(id.indexOf(':') + 1, Math.min(id.length(), id.indexOf(':') + 13));
                    out.printf("%-40s %-19s %7d %12s%n", i.name(), id, i.manifest().layers().size(),
                            TableRenderer.bytes(i.size()));
                }
                return OK;
            } catch (StoreException e) {
                spec.commandLine().getErr().println("dfsim: " + e.getMessage());
                return USAGE;
            }
        }
    }

    /** A usage or input problem: one line for the user, exit code 2. */
    private static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }
}
