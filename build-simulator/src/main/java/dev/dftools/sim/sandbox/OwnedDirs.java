package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Temp dirs that carry their owner in their name, {@code PREFIX-PID.STARTMILLIS-RANDOM}, so whatever a
 * killed JVM left behind can be recognised and removed by the next run ({@link #sweep}). Dirs still
 * owned at JVM shutdown (Ctrl-C, SIGTERM) are removed by the shutdown hook after the live RUN steps are
 * killed. SIGKILL runs no hook: the sandbox's processes die with the JVM (parent-death signal) and take
 * their mounts with them; the dirs are swept on the next start.
 */
public final class OwnedDirs {
    private static final Pattern OWNED = Pattern.compile("[a-z]+-(\\d+)\\.(\\d+)-.+");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private OwnedDirs() {
    }

    /**
     * {@code $java.io.tmpdir/NAME}, or {@code NAME-UID} in a rootless build (there the JVM is uid 0 of its
     * user namespace, but the dirs belong to the host user, who cannot write into root's).
     */
    public static Path defaultParent(String name) {
        String rootlessUid = System.getenv(Rootless.MARKER);
        String dir = rootlessUid == null || !rootlessUid.matches("\\d+") ? name : name + "-" + rootlessUid;
        return Path.of(System.getProperty("java.io.tmpdir"), dir);
    }

    /** A new dir under {@code parent} owned by this JVM, removed at shutdown unless released earlier. */
    public static Path create(Path parent, String prefix) throws IOException {
        if (!prefix.matches("[a-z]+")) {
            throw new IllegalArgumentException("prefix must be lower-case letters: " + prefix);
        }
        Files.createDirectories(parent);
        LiveRuns.hook();
        ProcessHandle me = ProcessHandle.current();
        Path dir = Files.createTempDirectory(parent, prefix + "-" + me.pid() + "." + startMillis(me).orElse(0L) + "-");
        LIVE.add(dir.toAbsolutePath());
        return dir;
    }

    /** Deletes the dir (never following symlinks) and forgets it. */
    public static void release(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        Sandbox.deleteTree(dir, problems);
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems)); // still owned: the shutdown hook tries again
        }
        LIVE.remove(dir.toAbsolutePath());
    }

    /**
     * Removes the owned dirs under {@code parent} whose owner process is gone (a pid that is not running,
     * or running but started at another time: a reused pid). Returns the dirs removed.
     */
    public static List<Path> sweep(Path parent) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(parent)) {
            children = s.toList();
        } catch (IOException e) {
            return removed;
        }
        for (Path child : children) {
            Matcher m = OWNED.matcher(child.getFileName().toString());
            if (!m.matches() || !Files.isDirectory(child) || ownerAlive(Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)))) {
                continue;
            }
            unmountLeftovers(child);
            List<String> problems = new ArrayList<>();
            Sandbox.deleteTree(child, problems);
            if (problems.isEmpty()) {
                removed.add(child);
            }
        }
        return removed;
    }

    static boolean ownerAlive(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Long> start = startMillis(h.get());
        // unknown start time: assume it is the owner rather than delete a live build's files
        return start.isEmpty() || startMillis == 0 || start.get() == startMillis;
    }

    private static Optional<Long> startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli);
    }

    /** Called by the shutdown hook once the live RUN steps are dead. */
    static void deleteAllOnExit() {
        for (Path dir : List.copyOf(LIVE)) {
            // the build thread may still be cleaning up (or writing) while the JVM shuts down: retry a while
            for (int attempt = 0; attempt < 20 && Files.exists(dir); attempt++) {
                unmountLeftovers(dir);
                Sandbox.deleteTree(dir, new ArrayList<>());
                if (Files.exists(dir)) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            LIVE.remove(dir);
        }
    }

    /** Mounts live in each step's own mount namespace; this only catches one made outside it. */
    private static void unmountLeftovers(Path dir) {
        try {
            List<Path> mounts = MountTable.mountsUnder(dir);
            for (int i = mounts.size() - 1; i >= 0; i--) {
                Process p = new ProcessBuilder("umount", "-l", mounts.get(i).toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // nothing more to do: the delete reports what it could not remove
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
