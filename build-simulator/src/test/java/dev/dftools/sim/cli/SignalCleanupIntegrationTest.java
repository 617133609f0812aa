package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.testing.Busybox;
import dev.dftools.sim.testing.DfsimProcess;
import dev.dftools.sim.testing.SignalCheck;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGKILL sent to a real {@code dfsim build} JVM during a long RUN: no
 * process keeps a mount of the build's temp dir (every /proc/PID/mountinfo is read, since the sandbox's
 * mounts live in its own mount namespace and never show in ours), the RUN's processes are gone, and no
 * temp dir stays behind (after SIGKILL: once the next dfsim build has swept it).
 */
class SignalCleanupIntegrationTest {
    @TempDir
    Path tmp;

    private Path store;
    private Path javaTmp;
    private Path context;
    private List<Path> classpath;

    @BeforeEach
    void setUp() throws Exception {
        Busybox.assumeAvailable();
        store = tmp.resolve("store");
        Busybox.importInto(ImageStore.open(store), tmp.resolve("rootfs"));
        javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
        context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"),
                "FROM localhost/busybox:local\nRUN " + SignalCheck.LONG_RUN + "\n");
        classpath = DfsimProcess.classpath();
    }

    @Test
    void sigintDuringALongRunLeavesNoMountNoProcessNoTempDir() throws Exception {
        interrupt("INT");
        assertEquals(List.of(), buildDirs(), "the shutdown hook removes the build dir");
    }

    @Test
    void sigtermDuringALongRunLeavesNoMountNoProcessNoTempDir() throws Exception {
        interrupt("TERM");
        assertEquals(List.of(), buildDirs(), "the shutdown hook removes the build dir");
    }

    @Test
    void sigkillLeavesNoMountNoProcessAndTheNextBuildSweepsTheTempDir() throws Exception {
        interrupt("KILL");
        List<Path> stale = buildDirs();
        assertEquals(1, stale.size(), "SIGKILL runs no hook: the dir of the dead JVM is left " + stale);
        Path next = Files.createDirectories(tmp.resolve("next"));
        Files.writeString(next.resolve("Dockerfile"), "FROM localhost/busybox:local\nRUN true\n");
        Process p = new ProcessBuilder(DfsimProcess.command(classpath, javaTmp, "build", "--store", store.toString(),
                next.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of(), buildDirs(), "the next build removed the dead JVM's dir and its own");
    }

    /** Starts the build, waits for the RUN to be running in its sandbox, sends the signal, checks. */
    private void interrupt(String signal) throws Exception {
        Path log = tmp.resolve("dfsim-" + signal + ".log");
        Process dfsim = new ProcessBuilder(DfsimProcess.command(classpath, javaTmp, "build", "--no-cache", "--store",
                store.toString(), context.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SignalCheck.interruptAndCheck(dfsim, dfsim::pid, signal, javaTmp, log);
    }

    private List<Path> buildDirs() throws Exception {
        Path parent = javaTmp.resolve("dfsim-build");
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.toList();
        }
    }
}
