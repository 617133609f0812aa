package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.report.Advice;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.LayerStatus;
import dev.dftools.sim.report.TableRenderer;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.testing.Busybox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D1, D2 and D5 of shared/reference/build-anchor-dockerfiles, built for real over a busybox base imported into
 * a temporary store, and compared with build-sandbox.md §3 "Per-layer sizes". Skipped (with the
 * sandbox check's message) where the root overlay sandbox cannot run.
 */
class BuilderIntegrationTest {
    private static final Path D1 = Path.of("/work/shared/reference/build-anchor-dockerfiles/D1/Dockerfile");
    private static final Path D2 = Path.of("/work/shared/reference/build-anchor-dockerfiles/D2");
    private static final Path D5 = Path.of("/work/shared/reference/build-anchor-dockerfiles/D5/Dockerfile");
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private ImageStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = busyboxStore(tmp);
    }

    /**
     * A store under {@code tmp} holding localhost/busybox:local; skips the test (JUnit assumption) when
     * the sandbox cannot run here or busybox-static cannot be installed.
     */
    static ImageStore busyboxStore(Path tmp) throws Exception {
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        Assumptions.assumeTrue(Busybox.ensureInstalled(), "busybox-static is not installed");
        ImageStore store = ImageStore.open(tmp.resolve("store"));
        store.importRootfs(Busybox.rootfs(tmp.resolve("rootfs")), "localhost/busybox:local");
        return store;
    }

    static void exec(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(seconds, TimeUnit.SECONDS);
    }

    private Builder.Result build(Path context, String tag) throws Exception {
        return build(context, tag, false);
    }

    private Builder.Result build(Path context, String tag, boolean noCache) throws Exception {
        String text = Files.readString(context.resolve("Dockerfile"));
        var plan = Planner.plan(Dockerfiles.parse(text), PlanOptions.defaults("Dockerfile"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile", tag, Network.NONE,
                noCache));
    }

    private static List<LayerStatus> statuses(Builder.Result result) {
        return result.report().layers().stream().map(LayerReport::status).toList();
    }

    private List<LayerFile> layerFiles(Builder.Result result, int layer) throws Exception {
        Digest d = result.image().manifest().layers().get(layer).blobDigest();
        try (InputStream in = TarFiles.open(store.verifiedBlob(d))) {
            return TarFiles.list(in);
        }
    }

    @Test
    void d1RebuildWithNothingChangedRunsNothingAndGivesTheSameImage() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("D1"));
        Files.copy(D1, context.resolve("Dockerfile"));
        Builder.Result cold = build(context, "localhost/d1:test");
        assertEquals(6, cold.runsExecuted());
        assertEquals(List.of(LayerStatus.EXECUTED), statuses(cold).stream().distinct().toList());
        Builder.Result warm = build(context, "localhost/d1:test");
        assertEquals(0, warm.runsExecuted(), "every RUN is a cache hit");
        assertEquals(0, warm.stepsExecuted());
        assertEquals(List.of(LayerStatus.CACHED), statuses(warm).stream().distinct().toList());
        assertEquals(cold.image().manifestDescriptor().blobDigest(), warm.image().manifestDescriptor().blobDigest(),
                "same layers, same history times: the same image digest");
        assertEquals(cold.image().manifest().layers(), warm.image().manifest().layers());
        // the report's figures come from the cached layers and are the same
        for (int i = 0; i < 6; i++) {
            LayerReport c = cold.report().layers().get(i);
            LayerReport w = warm.report().layers().get(i);
            assertEquals(c.size(), w.size());
            assertEquals(c.filesAdded(), w.filesAdded());
            assertEquals(c.filesRemoved(), w.filesRemoved());
            assertEquals(c.wastedBytes(), w.wastedBytes());
        }
        Builder.Result uncached = build(context, "localhost/d1:test", true);
        assertEquals(6, uncached.runsExecuted(), "--no-cache runs every step");
    }

    @Test
    void aChangedCopySourceInvalidatesThatLayerAndEverythingAfter() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("copy"));
        Files.writeString(context.resolve("a.txt"), "version 1\n");
        Files.writeString(context.resolve("Dockerfile"), """
                FROM localhost/busybox:local
                RUN echo one > /one
                COPY a.txt /a.txt
                RUN cat /a.txt /a.txt > /b.txt
                ENV X=1
                WORKDIR /w
                """);
        Builder.Result first = build(context, "localhost/copy:test");
        assertEquals(4, first.stepsExecuted(), "RUN, COPY, RUN, WORKDIR");
        Builder.Result same = build(context, "localhost/copy:test");
        assertEquals(0, same.stepsExecuted());
        Files.writeString(context.resolve("a.txt"), "version 2\n");
        Builder.Result changed = build(context, "localhost/copy:test");
        assertEquals(List.of(LayerStatus.CACHED, LayerStatus.EXECUTED, LayerStatus.EXECUTED, LayerStatus.EXECUTED,
                LayerStatus.EXECUTED), statuses(changed), "ENV (metadata) reports executed");
        assertEquals(1, changed.runsExecuted(), "only the RUN after the COPY");
        assertEquals(3, changed.stepsExecuted());
        assertEquals(first.image().manifest().layers().get(1), changed.image().manifest().layers().get(1),
                "the RUN before the COPY is reused");
        assertTrue(!first.image().manifest().layers().get(2).equals(changed.image().manifest().layers().get(2)));
        assertEquals(20, layerFiles(changed, 3).stream().filter(f -> f.path().equals("b.txt")).findFirst()
                .orElseThrow().size(), "the RUN saw the new a.txt");
        // the mtime alone does not invalidate: same content, same layers
        Files.setLastModifiedTime(context.resolve("a.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        Builder.Result touched = build(context, "localhost/copy:test");
        assertEquals(0, touched.stepsExecuted());
    }

    @Test
    void d2MatchesTheBuildahAnchor() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("D2"));
        Files.copy(D2.resolve("Dockerfile"), context.resolve("Dockerfile"));
        Files.copy(D2.resolve("gen-data.sh"), context.resolve("gen-data.sh"));
        exec(60, "sh", context.resolve("gen-data.sh").toString());
        assertEquals(10, Files.list(context.resolve("data")).count());
        Builder.Result result = build(context, "localhost/d2:test");
        List<LayerReport> layers = result.report().layers();
        assertEquals(3, layers.size(), TableRenderer.render(result.report()));
        // §3 D2, buildah overlay: COPY data/ 10,492,416 B (11 entries: data/ + 10 x 1 MiB; COPY has no
        // mount points, so no correction): 11 x 512 + 10 MiB + 1,024 end blocks.
        assertEquals(10_492_416, layers.get(0).size());
        assertEquals(10, layers.get(0).filesAdded());
        // RUN dd of=/out3, the first RUN layer: 3,149,824 minus etc/, etc/hostname, etc/hosts,
        // etc/resolv.conf and run/ (5 x 512) = 3,147,264 (the prototype's figure)
        assertEquals(3_149_824 - 5 * 512, layers.get(1).size());
        // RUN dd of=/data/file01 (overwrites a COPYed file): 1,051,136 minus run/ = 1,050,624
        assertEquals(1_051_136 - 512, layers.get(2).size());
        assertEquals(1, layers.get(2).filesChanged());
        assertEquals(MIB, layers.get(0).wastedBytes(), "file01 is overwritten at line 4");
        assertEquals(14_693_376 - 6 * 512, layers.stream().mapToLong(LayerReport::size).sum());
    }

    @Test
    void d5MatchesTheBuildahAnchorWithItsOpaqueDir() throws Exception {
        // the overlay upper dir's opaque marker is the xattr trusted.overlay.opaque, which Java cannot read:
        // LinuxOverlayView needs getfattr (package attr); without it the opaque layer is 512 B short
        if (!Files.isExecutable(Path.of("/usr/bin/getfattr"))) {
            exec(120, "apt-get", "install", "-y", "-q", "attr");
        }
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/getfattr")), "getfattr (attr) is not installed");
        Path context = Files.createDirectories(tmp.resolve("D5"));
        Files.copy(D5, context.resolve("Dockerfile"));
        Builder.Result result = build(context, "localhost/d5:test");
        List<LayerReport> layers = result.report().layers();
        assertEquals(3, layers.size(), TableRenderer.render(result.report()));
        // §3 D5, buildah overlay minus its mount points (5 x 512 on the first RUN layer, run/ on the others);
        // the prototype's column, which matches buildah byte for byte apart from them
        assertEquals(8_192 - 5 * 512, layers.get(0).size());
        assertEquals(4_096 - 512, layers.get(1).size(), "opt/ + opt/app/ + .wh..wh..opq + b: " + layerFiles(result, 2));
        assertEquals(3_584 - 512, layers.get(2).size());
        assertEquals(15_872 - 7 * 512, layers.stream().mapToLong(LayerReport::size).sum());
        // layer 2: the recreated /opt/app is opaque (overlay's opt/app/.wh..wh..opq), no per-file whiteouts
        List<LayerFile> rm = layerFiles(result, 2);
        assertTrue(rm.stream().anyMatch(f -> f.kind() == LayerFile.Kind.OPAQUE && f.path().startsWith("opt/app")),
                rm.toString());
        assertTrue(rm.stream().noneMatch(f -> f.kind() == LayerFile.Kind.WHITEOUT), rm.toString());
        // layer 3: the renamed dir is new, so no opaque marker although the kernel set it on /opt/new
        List<LayerFile> mv = layerFiles(result, 3);
        assertTrue(mv.stream().noneMatch(f -> f.kind() == LayerFile.Kind.OPAQUE), mv.toString());
        assertTrue(mv.stream().anyMatch(f -> f.path().equals("opt/new/n")), mv.toString());
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
        Advice chain = report.advice().get(1);
        assertEquals(List.of(2, Advice.LAYER_BLOAT, 5 * MIB), List.of(chain.line(), chain.rule(), chain.bytes()),
                "six RUNs in a row ship the 5 MiB: chain them (DF3509)");
        assertEquals(2, report.advice().size());
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
