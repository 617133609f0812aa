package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.ReportJson;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.testing.Busybox;
import dev.dftools.sim.testing.DfsimProcess;
import dev.dftools.sim.testing.SignalCheck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * D1 built by a throwaway unprivileged user ({@code runuser -u USER -- java -cp ... Dfsim build}), which
 * makes dfsim enter a user namespace (overlay with userxattr, subordinate ids through newuidmap), and by
 * root: the layer sizes are the same, and the same as buildah's minus its mount points (see
 * BuilderIntegrationTest), because the layer tars record the ids the container sees (0:0). Needs root to
 * create the user; installs uidmap when missing.
 */
class RootlessIntegrationTest {
    private static final Path D1 = Path.of("/work/shared/reference/build-anchor-dockerfiles/D1/Dockerfile");

    private String user;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Busybox.assumeAvailable(); // root, the sandbox, busybox-static
        Assumptions.assumeTrue(Files.isRegularFile(D1), "the D1 anchor Dockerfile is not here: " + D1);
        if (!Files.isExecutable(Path.of("/usr/bin/newuidmap"))) {
            Busybox.exec(180, "apt-get", "install", "-y", "-q", "uidmap");
        }
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/newuidmap")), "uidmap is not installed");
        user = "dfsimrl" + (ProcessHandle.current().pid() % 100000);
        Assumptions.assumeTrue(Busybox.exec(60, "useradd", "-m", "-s", "/bin/sh", user) == 0, "useradd failed");
        if (Files.readAllLines(Path.of("/etc/subuid")).stream().noneMatch(l -> l.startsWith(user + ":"))) {
            Busybox.exec(60, "usermod", "--add-subuids", "300000-365535", "--add-subgids", "300000-365535", user);
        }
        // not a JUnit @TempDir: the user must be able to reach it
        dir = Files.createTempDirectory(Path.of("/tmp"), "dfsim-rootless-it-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (user != null) {
            Busybox.exec(60, "userdel", "-r", user);
        }
        if (dir != null) {
            Busybox.exec(60, "rm", "-rf", "--one-file-system", dir.toString());
        }
    }

    private List<Path> classpath;
    private Path store;
    private Path javaTmp;

    /** The class path copied where the user can read it (root's ~/.m2 is not), a store with busybox. */
    private void prepare() throws Exception {
        Path cpDir = Files.createDirectories(dir.resolve("cp"));
        classpath = new ArrayList<>();
        int n = 0;
        for (Path entry : DfsimProcess.classpath()) {
            if (!Files.exists(entry) || entry.getFileName().toString().startsWith("surefire")) {
                continue;
            }
            Path copy = cpDir.resolve((n++) + "-" + entry.getFileName());
            assertEquals(0, Busybox.exec(60, "cp", "-r", entry.toString(), copy.toString()));
            classpath.add(copy);
        }
        store = dir.resolve("store");
        Busybox.importInto(ImageStore.open(store), dir.resolve("rootfs"));
        javaTmp = Files.createDirectories(dir.resolve("tmp"));
        assertEquals(0, Busybox.exec(60, "chmod", "-R", "a+rX", cpDir.toString()));
    }

    private void chownToUser() throws Exception {
        assertEquals(0, Busybox.exec(60, "chown", "-R", user + ":", dir.toString()));
    }

    @Test
    void d1BuiltByAnUnprivilegedUserHasTheSameLayerSizesAsAsRoot() throws Exception {
        prepare();
        Path context = Files.createDirectories(dir.resolve("D1"));
        Files.copy(D1, context.resolve("Dockerfile"));
        chownToUser();

        List<Long> rootless = sizes(run(List.of("runuser", "-u", user, "--"), classpath, javaTmp, store, context,
                "localhost/d1:rootless"));
        List<Long> root = sizes(run(List.of(), classpath, javaTmp, store, context, "localhost/d1:root"));
        assertEquals(root, rootless, "rootless and root D1 layers");
        // build-sandbox.md §3 D1, buildah minus its mount-point entries (as in BuilderIntegrationTest)
        assertEquals(List.of(1_050_112L, 1_050_112L, 1_050_112L, 1_050_112L, 1_050_112L, 3_584L), rootless);

        assertEquals(List.of(), DfsimProcess.processesMounting(dir), "mounts left");
        try (Stream<Path> s = Files.list(javaTmp)) {
            for (Path p : s.toList()) {
                try (Stream<Path> inner = Files.list(p)) {
                    assertEquals(List.of(), inner.toList(), "temp dirs left in " + p);
                }
            }
        }
    }

    /**
     * SIGTERM and SIGKILL to the JVM the user started (it runs the build again in a user namespace):
     * the inner JVM and its steps die, nothing stays mounted; after SIGKILL the next build sweeps the dir.
     */
    @Test
    void signalsToARootlessBuildLeaveNoMountNoProcessNoTempDir() throws Exception {
        prepare();
        Path context = Files.createDirectories(dir.resolve("long"));
        Files.writeString(context.resolve("Dockerfile"),
                "FROM localhost/busybox:local\nRUN " + SignalCheck.LONG_RUN + "\n");
        Path quick = Files.createDirectories(dir.resolve("quick"));
        Files.writeString(quick.resolve("Dockerfile"), "FROM localhost/busybox:local\nRUN true\n");
        chownToUser();
        Path buildDirs = javaTmp.resolve("dfsim-build-" + uid(user));
        for (String signal : List.of("TERM", "KILL")) {
            Path log = dir.resolve("log-" + signal);
            List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--"));
            cmd.addAll(DfsimProcess.command(classpath, javaTmp, "build", "--no-cache", "--store", store.toString(),
                    context.toString()));
            Process runuser = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            SignalCheck.interruptAndCheck(runuser, () -> runuser.children().findFirst().orElseThrow().pid(), signal,
                    dir, log);
            try (Stream<Path> s = Files.list(buildDirs)) {
                assertEquals(signal.equals("KILL") ? 1 : 0, s.count(), "build dirs after SIG" + signal);
            }
        }
        run(List.of("runuser", "-u", user, "--"), classpath, javaTmp, store, quick, "localhost/quick:1");
        try (Stream<Path> s = Files.list(buildDirs)) {
            assertEquals(List.of(), s.toList(), "the next build swept the dead build's dir");
        }
    }

    private static String uid(String user) throws Exception {
        Process p = new ProcessBuilder("id", "-u", user).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    private static String run(List<String> prefix, List<Path> classpath, Path javaTmp, Path store, Path context,
            String tag) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(DfsimProcess.command(classpath, javaTmp, "build", "--no-cache", "--format", "json", "--store",
                store.toString(), "-t", tag, context.toString()));
        Path err = javaTmp.resolveSibling("err-" + tag.replaceAll("[^a-z0-9]", "-") + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the build did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", prefix) + " build failed: " + Files.readString(err));
        return out;
    }

    private static List<Long> sizes(String json) throws Exception {
        BuildReport report = ReportJson.read(json);
        return report.layers().stream().map(LayerReport::size).toList();
    }
}
