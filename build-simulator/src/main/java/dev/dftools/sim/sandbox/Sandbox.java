package dev.dftools.sim.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one RUN step as root: overlayfs over the image's layers, new mount/PID/UTS/IPC (and, with
 * {@link Network#NONE}, network) namespaces via {@code unshare}, then a chroot into the merged dir.
 * All mounts live only in the step's mount namespace, so they disappear with its last process;
 * the run dir is removed and {@code /proc/self/mountinfo} is checked after every run.
 */
public final class Sandbox {
    private static final int TAIL_LINES = 20;
    private static volatile SandboxCheck cachedCheck;

    private final Path runRoot;
    private final HostTools tools;

    private Sandbox(Path runRoot, HostTools tools) {
        this.runRoot = runRoot;
        this.tools = tools;
    }

    /** A sandbox whose per-run scratch dirs go under {@code runRoot}; fails with the check's message. */
    public static Sandbox create(Path runRoot) throws SandboxException {
        SandboxCheck check = check();
        if (!check.ok()) {
            throw new SandboxException(check.message());
        }
        try {
            Files.createDirectories(runRoot);
        } catch (IOException e) {
            throw new SandboxException("cannot create " + runRoot + ": " + e.getMessage(), e);
        }
        return new Sandbox(runRoot.toAbsolutePath(), HostTools.find().orElseThrow());
    }

    public static Sandbox create() throws SandboxException {
        return create(Path.of(System.getProperty("java.io.tmpdir"), "dfsim-sandbox"));
    }

    /** Whether the root sandbox works here; tries a real overlay mount once per JVM. */
    public static SandboxCheck check() {
        SandboxCheck c = cachedCheck;
        if (c == null) {
            c = SandboxProbe.probe();
            cachedCheck = c;
        }
        return c;
    }

    /**
     * Runs the step and returns how it ended; a non-zero exit or a timeout is a result, not an
     * exception. Throws when the sandbox itself cannot be set up (bad dirs, a failed mount).
     */
    public RunResult run(RunSpec spec, OutputSink sink) throws SandboxException, InterruptedException {
        checkDirs(spec);
        ResolvedUser user = UserResolver.resolve(spec.user(), spec.lowerDirs());
        if (Rootless.setgroupsDenied() && (user.uid() != 0 || user.gid() != 0)) {
            throw new SandboxException("USER " + spec.user() + " needs subordinate ids in a rootless build: install"
                    + " uidmap (newuidmap) and give the user a range in /etc/subuid and /etc/subgid");
        }
        Path runDir = null;
        try {
            runDir = Files.createTempDirectory(runRoot, "run-");
            Path links = Files.createDirectory(runDir.resolve("l"));
            List<Path> lowers = spec.lowerDirs().isEmpty()
                    ? List.of(Files.createDirectory(runDir.resolve("empty"))) // FROM scratch
                    : spec.lowerDirs();
            for (int i = 0; i < lowers.size(); i++) {
                Files.createSymbolicLink(links.resolve(Integer.toString(i)), lowers.get(i).toAbsolutePath());
            }
            Files.createDirectory(runDir.resolve(SandboxScript.MERGED_DIR));
            return execute(spec, user, runDir, SandboxScript.lowerOption(lowers.size()), sink);
        } catch (IOException e) {
            throw new SandboxException("cannot prepare the RUN sandbox: " + e.getMessage(), e);
        } finally {
            if (runDir != null) {
                cleanUp(runDir);
            }
        }
    }

    private RunResult execute(RunSpec spec, ResolvedUser user, Path runDir, String lowerOption, OutputSink sink)
            throws IOException, InterruptedException, SandboxException {
        ProcessBuilder pb = new ProcessBuilder(SandboxScript.argv(tools, spec, user, runDir));
        pb.environment().clear();
        pb.environment().putAll(SandboxScript.setupEnv(spec, runDir, lowerOption));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        OutputTail tail = new OutputTail(TAIL_LINES);
        long start = System.nanoTime();
        LiveRuns.hook();
        if (LiveRuns.shuttingDown) {
            throw new SandboxException("dfsim is shutting down; the RUN step was not started");
        }
        Process process = pb.start();
        LiveRuns.add(process, runDir);
        boolean finished;
        try {
            Thread out = pump(process.getInputStream(), OutputSink.Stream.STDOUT, sink, tail);
            Thread err = pump(process.getErrorStream(), OutputSink.Stream.STDERR, sink, tail);
            finished = process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                kill(process);
            }
            process.waitFor();
            // Every process of the step is in its PID namespace, gone with PID 1: the pipes close.
            out.join(5_000);
            err.join(5_000);
        } finally {
            if (process.isAlive()) {
                kill(process); // interrupted or a sink threw: never leave the step running
                process.waitFor(5, TimeUnit.SECONDS);
            }
            LiveRuns.remove(process);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<String> stubs = readStubs(runDir);
        removeEmptyStubs(spec.upperDir(), stubs);
        removeEmptyStubs(spec.upperDir(), readLines(runDir.resolve(SandboxScript.PARENTS_FILE)));
        int exit = process.exitValue();
        if (finished && exit != 0 && !Files.exists(runDir.resolve(SandboxScript.READY_FILE))) {
            throw new SandboxException("the RUN sandbox could not be set up (exit " + exit + "): "
                    + String.join(" / ", tail.lines()));
        }
        return new RunResult(exit, !finished, elapsed, tail.lines(), stubs);
    }

    private static Thread pump(InputStream in, OutputSink.Stream stream, OutputSink sink, OutputTail tail) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    tail.add(line);
                    sink.line(stream, line);
                }
            } catch (IOException e) {
                // the process was killed; what was read is all there is
            }
        }, "dfsim-sandbox-" + stream.name().toLowerCase());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Kills the process group (setsid made the JVM's child its leader) and, to be sure, every descendant. */
    void kill(Process process) {
        try {
            new ProcessBuilder(tools.kill(), "-KILL", "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // fall through to the per-process kill below
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void checkDirs(RunSpec spec) throws SandboxException {
        for (Path lower : spec.lowerDirs()) {
            if (!Files.isDirectory(lower)) {
                throw new SandboxException("layer directory does not exist: " + lower);
            }
        }
        try {
            Files.createDirectories(spec.upperDir());
            Files.createDirectories(spec.workDir());
        } catch (IOException e) {
            throw new SandboxException("cannot create the upper/work dir: " + e.getMessage(), e);
        }
        for (Path p : List.of(spec.upperDir(), spec.workDir())) {
            String s = p.toAbsolutePath().toString();
            if (s.indexOf(',') >= 0 || s.indexOf(':') >= 0) {
                throw new SandboxException("overlayfs cannot use a path containing ',' or ':': " + s);
            }
        }
    }

    private static List<String> readStubs(Path runDir) throws IOException {
        return readLines(runDir.resolve(SandboxScript.STUBS_FILE));
    }

    private static List<String> readLines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(s -> !s.isEmpty()).toList() : List.of();
    }

    /**
     * A stub the step left empty is not part of the layer: take it out of the upper dir again, deepest
     * first (a parent is empty only once its stub children are gone); an empty file stub is a file mount point.
     */
    private static void removeEmptyStubs(Path upper, List<String> stubs) throws IOException {
        List<String> deepestFirst = new java.util.ArrayList<>(stubs);
        java.util.Collections.reverse(deepestFirst);
        for (String stub : deepestFirst) {
            Path p = upper.resolve(stub.substring(1));
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0) {
                Files.delete(p);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = Files.list(p)) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** Unmounts anything still mounted under the run dir (should be nothing), then deletes it. */
    static void cleanUp(Path runDir) throws SandboxException {
        List<String> problems = new ArrayList<>();
        try {
            List<Path> leftovers = MountTable.mountsUnder(runDir);
            for (int i = leftovers.size() - 1; i >= 0; i--) {
                Process p = new ProcessBuilder("umount", "-l", leftovers.get(i).toString())
                        .redirectErrorStream(true).start();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            if (!MountTable.mountsUnder(runDir).isEmpty()) {
                problems.add("mounts left under " + runDir + ": " + MountTable.mountsUnder(runDir));
            }
        } catch (IOException e) {
            problems.add("cannot check mounts: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (problems.isEmpty()) {
            deleteTree(runDir, problems);
        }
        if (!problems.isEmpty()) {
            throw new SandboxException("RUN sandbox clean-up failed: " + String.join("; ", problems));
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isReadable(p) || !Files.isWritable(p) || !Files.isExecutable(p)) {
                try {
                    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
                } catch (java.nio.file.NoSuchFileException goneMeanwhile) {
                    return;
                }
            }
            List<Path> children;
            try (Stream<Path> s = Files.list(p)) {
                children = s.toList();
            } catch (java.nio.file.NoSuchFileException goneMeanwhile) {
                return; // another thread (the shutdown hook, or the build) deleted it first
            }
            for (Path c : children) {
                deleteRecursively(c);
            }
        }
        Files.deleteIfExists(p);
    }

    /**
     * Deletes without following symlinks (l/N point at the image's layers). A dir without permissions
     * (overlayfs makes its work dir d---------; as root that does not matter, rootless it does) is made
     * accessible to its owner first.
     */
    static void deleteTree(Path dir, List<String> problems) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            problems.add("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
