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

    @Test
    void d1BuiltByAnUnprivilegedUserHasTheSameLayerSizesAsAsRoot() throws Exception {
        // the class path copied where the user can read it (~/.m2 of root is not readable)
        Path cpDir = Files.createDirectories(dir.resolve("cp"));
        List<Path> classpath = new ArrayList<>();
        int n = 0;
        for (Path entry : DfsimProcess.classpath()) {
            if (!Files.exists(entry) || entry.getFileName().toString().startsWith("surefire")) {
                continue;
            }
            Path copy = cpDir.resolve((n++) + "-" + entry.getFileName());
            assertEquals(0, Busybox.exec(60, "cp", "-r", entry.toString(), copy.toString()));
            classpath.add(copy);
        }
        Path store = dir.resolve("store");
        Busybox.importInto(ImageStore.open(store), dir.resolve("rootfs"));
        Path context = Files.createDirectories(dir.resolve("D1"));
        Files.copy(D1, context.resolve("Dockerfile"));
        Path javaTmp = Files.createDirectories(dir.resolve("tmp"));
        assertEquals(0, Busybox.exec(60, "chown", "-R", user + ":", dir.toString()));
        assertEquals(0, Busybox.exec(60, "chmod", "-R", "a+rX", cpDir.toString()));

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
