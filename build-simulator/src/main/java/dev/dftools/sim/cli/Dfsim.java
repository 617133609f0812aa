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
import dev.dftools.sim.sandbox.Network;
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
 * Exit codes: 0 ok, 1 build failed, 2 usage or input error.
 */
@Command(name = "dfsim", mixinStandardHelpOptions = true, version = "dfsim 0.1.0",
        description = "Build a Dockerfile without a Docker engine and show what each layer costs.",
        subcommands = {Dfsim.Build.class, Dfsim.Import.class, Dfsim.Images.class})
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

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Dfsim());
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
                + "RUN in a root overlay sandbox, a layer cache in the store (--no-cache runs every step).",
                "--dry-run: a static estimate without executing anything."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the build (or estimate) succeeded", "1:the build failed",
                "2:usage error or bad input (missing Dockerfile, unknown target, bad --build-arg)"})
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

        @Option(names = "--no-cache", description = "Do not use the layer cache: run every step (the new layers are still recorded in it).")
        private boolean noCache;

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

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                validate();
                Path dockerfile = file != null ? file : context.resolve("Dockerfile");
                if (!Files.isRegularFile(dockerfile)) {
                    throw new UsageError("Dockerfile not found: " + dockerfile);
                }
                String name = file != null ? file.toString() : "Dockerfile";
                PlanOptions options = new PlanOptions(name, parseBuildArgs(), target, PlanOptions.hostPlatform());
                BuildPlan plan = Planner.plan(Dockerfiles.parse(Files.readString(dockerfile)), options);
                DockerIgnore ignore = DockerIgnore.load(context, dockerfile).orElse(DockerIgnore.empty());
                if (!dryRun) {
                    String name2 = tag != null ? tag : defaultTag(context);
                    ImageStore images = store.open();
                    Builder builder = new Builder(images, (stream, line) -> {
                        synchronized (err) {
                            err.println(line);
                        }
                    });
                    Builder.Result result = builder.build(new Builder.Request(plan, context.toAbsolutePath(), ignore,
                            name, name2, network.equals("none") ? Network.NONE : Network.HOST, noCache));
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

        private void validate() throws UsageError {
            if (!Files.isDirectory(context)) {
                throw new UsageError("build context is not a directory: " + context);
            }
            if (!format.equals("table") && !format.equals("json")) {
                throw new UsageError("--format must be table or json, not " + format);
            }
            if (!network.equals("host") && !network.equals("none")) {
                throw new UsageError("--network must be host or none, not " + network);
            }
            if (output != null && !output.matches("type=(oci|docker),dest=.+")) {
                throw new UsageError("--output must be type=oci|docker,dest=FILE, not " + output);
            }
            parseBuildArgs();
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
