package dev.dftools.sim.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steps still running; a JVM shutdown hook (Ctrl-C, SIGTERM) kills them, removes their run dirs and
 * then the {@link OwnedDirs} (the build's work dir) of this JVM.
 */
final class LiveRuns {
    private static final Map<Process, java.nio.file.Path> RUNS = new ConcurrentHashMap<>();
    private static volatile boolean hooked;
    /** Set once the JVM is shutting down: no new step may start. */
    static volatile boolean shuttingDown;

    private LiveRuns() {
    }

    static void add(Process process, java.nio.file.Path runDir) {
        hook();
        RUNS.put(process, runDir);
    }

    static void remove(Process process) {
        RUNS.remove(process);
    }

    static synchronized void hook() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shuttingDown = true;
                killAll();
                OwnedDirs.deleteAllOnExit();
            }, "dfsim-sandbox-cleanup"));
            hooked = true;
        }
    }

    private static void killAll() {
        for (Map.Entry<Process, java.nio.file.Path> run : new ArrayList<>(RUNS.entrySet())) {
            Process p = run.getKey();
            ProcessHandle.of(p.pid()).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
            try {
                p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
                Sandbox.cleanUp(run.getValue());
            } catch (InterruptedException | SandboxException e) {
                System.err.println("dfsim: " + e.getMessage());
            }
        }
        List.copyOf(RUNS.keySet()).forEach(RUNS::remove);
    }
}
