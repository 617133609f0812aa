package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.report.Advice;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.TableRenderer;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.store.ImageStore;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D1 of shared/reference/build-anchor-dockerfiles, built for real over a busybox base imported into
 * a temporary store, and compared with build-sandbox.md §3 "Per-layer sizes". Skipped (with the
 * sandbox check's message) where the root overlay sandbox cannot run.
 */
class BuilderIntegrationTest {
    private static final Path D1 = Path.of("/work/shared/reference/build-anchor-dockerfiles/D1/Dockerfile");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private ImageStore store;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            exec(120, "apt-get", "install", "-y", "-q", "busybox-static");
        }
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static is not installed");
        store = ImageStore.open(tmp.resolve("store"));
        store.importRootfs(busyboxRootfs(tmp.resolve("rootfs")), "localhost/busybox:local");
    }

    /** As shared/tools/build-anchor/mk-busybox-rootfs.sh does it: busybox plus its applet symlinks. */
    private static Path busyboxRootfs(Path r) throws Exception {
        for (String d : List.of("bin", "etc", "tmp", "root", "proc", "sys", "dev", "usr/bin", "usr/sbin", "sbin", "var",
                "home")) {
            Files.createDirectories(r.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), r.resolve("bin/busybox"));
        exec(60, "chroot", r.toString(), "/bin/busybox", "--install", "-s");
        Files.setAttribute(r.resolve("tmp"), "unix:mode", 01777);
        Files.writeString(r.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(r.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        return r;
    }

    private static void exec(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(seconds, TimeUnit.SECONDS);
    }

    private Builder.Result build(Path context, String tag) throws Exception {
        String text = Files.readString(context.resolve("Dockerfile"));
        var plan = Planner.plan(Dockerfiles.parse(text), PlanOptions.defaults("Dockerfile"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile", tag, Network.NONE));
    }

    @Test
    void d1MatchesTheBuildahAnchorAndReportsTheDeletedFilesAsWasted() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("D1"));
        Files.copy(D1, context.resolve("Dockerfile")); // D1 needs no other files
        Builder.Result result = build(context, "localhost/d1:test");

        assertEquals(7, result.image().manifest().layers().size(), "busybox + 5 dd layers + the rm layer");
        assertEquals(7, store.image("localhost/d1:test").config().rootfs().diffIds().size());
        BuildReport report = result.report();
        List<LayerReport> layers = report.layers();
        assertEquals(6, layers.size(), TableRenderer.render(report));
        // §3 D1: buildah overlay has 1,052,672 B for the f1 layer and 1,050,624 B for f2..f5. §3 "How the
        // columns differ": buildah adds its mount points, 512 B each: etc/, etc/hostname, etc/hosts,
        // etc/resolv.conf and run/ to the first RUN layer (5 x 512) and run/ to every other one (512), and
        // apart from that the prototype matches byte for byte. So buildah minus its mount-point entries:
        // 1,052,672 - 2,560 = 1,050,624 - 512 = 1,050,112 = 512 header + 1 MiB data + 1,024 end blocks.
        assertEquals(1_052_672 - 5 * 512, layers.get(0).size());
        for (int i = 1; i < 5; i++) {
            assertEquals(1_050_624 - 512, layers.get(i).size(), "layer of line " + layers.get(i).line());
        }
        // the rm layer: buildah 4,096 (5 whiteouts + run/) minus run/ = 3,584
        LayerReport rm = layers.get(5);
        assertEquals(4_096 - 512, rm.size());
        assertEquals(5, rm.filesRemoved());
        for (int i = 0; i < 5; i++) {
            LayerReport dd = layers.get(i);
            assertEquals(1, dd.filesAdded());
            assertEquals(MIB, dd.wastedBytes(), "f" + (i + 1) + " is deleted at line 7");
            assertEquals("f" + (i + 1), dd.largestFiles().get(0).path());
            assertTrue(dd.gzipSize() > MIB, "random data does not compress");
        }
        assertEquals(5 * MIB, report.totals().wastedBytes());
        Advice advice = report.advice().get(0);
        assertEquals(7, advice.line(), "the deleting RUN");
        assertEquals(Advice.REMOVED_LATER, advice.rule());
        assertEquals(5 * MIB, advice.bytes());
        assertTrue(advice.message().contains("removed in a later layer (line 7)"), advice.message());
        assertTrue(TableRenderer.render(report).contains("line 7 [DF3510]"), TableRenderer.render(report));
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertTrue(!mounts.contains(tmp.toString()), "mounts left under " + tmp);
    }

    @Test
    void failingRunExits1WithLineExitCodeAndOutput() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(context.resolve("Dockerfile"),
                "FROM localhost/busybox:local\nRUN echo first\nRUN echo about to fail; exit 3\n");
        BuildException e = assertThrows(BuildException.class, () -> build(context, "localhost/bad:test"));
        assertEquals(BuildException.STEP_FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("Dockerfile:3: RUN exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("about to fail"), e.getMessage());
    }

    @Test
    void copyFromABuiltStageAndWorkdir() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("multi"));
        Files.writeString(context.resolve("hello.txt"), "hello\n");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM localhost/busybox:local AS build
                COPY hello.txt /src/
                RUN cat /src/hello.txt /src/hello.txt > /out.txt
                FROM scratch
                COPY --from=build /out.txt /app/out.txt
                WORKDIR /app
                """);
        Builder.Result result = build(context, "localhost/multi:test");
        List<LayerReport> layers = result.report().layers();
        assertEquals(2, layers.size());
        assertEquals(List.of("app/out.txt"), layers.get(0).largestFiles().stream().map(f -> f.path()).toList());
        assertEquals(12, layers.get(0).largestFiles().get(0).size());
        assertEquals(2, result.image().manifest().layers().size());
    }
}
