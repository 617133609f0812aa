package dev.dftools.sim.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Sends a signal to a running {@code dfsim build} whose RUN is {@link #LONG_RUN}, then checks that no
 * process on the machine still mounts anything under {@code watched} and that the step's processes died.
 */
public final class SignalCheck {

    /**
     * The RUN's long sleep. Its length is drawn per test JVM so that the machine-wide search for a
     * surviving sleep finds this run's and not one of another build or test running at the same time.
     */
    public static final String SLEEP = "sleep " + (1000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9000));
    /** A RUN body that prints "started" and then sleeps, in the foreground and in the background. */
    public static final String LONG_RUN = "echo started; " + SLEEP + " & " + SLEEP + "; echo never";

    private SignalCheck() {
    }

    /**
     * Waits until the RUN runs (its sandbox mounts {@code watched}, the log says "started"), sends
     * {@code signal} to the process {@code target} names, waits for {@code started} to end, and checks.
     * {@code started} is destroyed whatever happens.
     */
    public static void interruptAndCheck(Process started, Supplier<Long> target, String signal, Path watched,
            Path log) throws Exception {
        try {
            check(started, target, signal, watched, log);
        } finally {
            if (started.isAlive()) {
                started.descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly(); // a failed check must not leave the build running
            }
        }
    }

    private static void check(Process started, Supplier<Long> target, String signal, Path watched, Path log)
            throws Exception {
        List<Long> sandbox = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && started.isAlive()) {
            sandbox = DfsimProcess.processesMounting(watched);
            if (!sandbox.isEmpty() && Files.readString(log).contains("started")) {
                sandbox = new ArrayList<>(sandbox);
                for (ProcessHandle h : started.descendants().toList()) {
                    sandbox.add(h.pid());
                }
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(started.isAlive(), "dfsim ended before the signal: " + Files.readString(log));
        assertFalse(sandbox.isEmpty(), "the RUN's sandbox mounts were never seen: " + Files.readString(log));
        long pid = target.get();
        sandbox.remove(pid);
        assertEquals(0, Busybox.exec(10, "kill", "-s", signal, Long.toString(pid)));
        assertTrue(started.waitFor(60, TimeUnit.SECONDS), "dfsim did not exit after SIG" + signal);
        assertTrue(started.exitValue() != 0, "an interrupted build does not succeed");
        // the sandbox dies with the JVM (shutdown hook, or the parent-death signal for SIGKILL)
        List<Long> watchedPids = sandbox;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until && (!DfsimProcess.processesMounting(watched).isEmpty()
                || watchedPids.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)))) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), DfsimProcess.processesMounting(watched), "processes still mount " + watched);
        for (long p : sandbox) {
            assertFalse(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false), "process " + p
                    + " of the build survived SIG" + signal);
        }
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            assertEquals(List.of(), all.filter(h -> h.info().commandLine().orElse("").contains(SLEEP)).toList(),
                    "the RUN's sleep survived");
        }
    }
}
