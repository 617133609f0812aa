package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.layer.LayerException;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.LayerStatus;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.store.ImageStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers packaged in the background while the next steps run ({@link LayerPackager}): what a
 * packaging failure does to the build, and the layer cache's rules with layers whose diffIds are
 * known only at the end. Real RUN steps over busybox; skipped where the sandbox cannot run.
 */
class LayerPackagingIntegrationTest {
    private static final String THREE_RUNS = """
            FROM localhost/busybox:local
            RUN head -c 4096 /dev/urandom > /a
            RUN cp /a /b
            RUN echo done > /c
            """;

    @TempDir
    Path tmp;

    private ImageStore store;
    private Path context;

    @BeforeEach
    void setUp() throws Exception {
        store = BuilderIntegrationTest.busyboxStore(tmp);
        context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), THREE_RUNS);
    }

    private Builder builder() {
        return new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
    }

    private Builder.Result build(Builder builder, boolean noCache) throws Exception {
        var plan = Planner.plan(Dockerfiles.parse(Files.readString(context.resolve("Dockerfile"))),
                PlanOptions.defaults("Dockerfile"));
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile", "localhost/p:test",
                Network.NONE, noCache));
    }

    /** A writer that fails on the {@code failing}th layer it is given (1-based), like a full disk would. */
    private static LayerPackager.Writer failingOn(int failing, AtomicInteger calls) {
        return (body, gzipOut) -> {
            if (calls.incrementAndGet() == failing) {
                throw new LayerException("cannot write layer " + gzipOut + ": No space left on device",
                        new IOException("No space left on device"));
            }
            return LayerPackager.GZIP.write(body, gzipOut);
        };
    }

    private List<Path> leftovers() throws IOException {
        Path work = tmp.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(work)) {
            return s.toList();
        }
    }

    private static List<LayerStatus> statuses(Builder.Result r) {
        return r.report().layers().stream().map(LayerReport::status).toList();
    }

    @Test
    void aPackagingFailureMidwayIsOneClearErrorAtItsStepAndLeavesNoBuildDir() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BuildException e = assertThrows(BuildException.class,
                () -> build(builder().withLayerWriter(failingOn(2, calls)), false));
        assertEquals("Dockerfile:3: RUN failed: no space left on device", e.getMessage());
        assertEquals(BuildException.HOST, e.exitCode());
        assertEquals(List.of(), leftovers(), "the build dir is removed");
        // the layer packaged before the failure is stored and cached: the next build starts after it
        Builder.Result next = build(builder(), false);
        assertEquals(List.of(LayerStatus.CACHED, LayerStatus.EXECUTED, LayerStatus.EXECUTED), statuses(next));
        assertEquals(2, next.runsExecuted());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aPackagingFailureStopsTheBuildAtTheNextStepOrAtTheEnd() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), THREE_RUNS + "RUN sleep 1\nRUN echo later > /d\n");
        AtomicInteger calls = new AtomicInteger();
        BuildException e = assertThrows(BuildException.class,
                () -> build(builder().withLayerWriter(failingOn(1, calls)), false));
        assertEquals("Dockerfile:2: RUN failed: no space left on device", e.getMessage());
        // the first layer failed long before the last step: the build stopped before running them all
        assertTrue(calls.get() < 5, "layers handed to the packager after the failure: " + calls.get());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aLayerIsReusedOnlyOverTheLayersItWasMadeOn() throws Exception {
        Builder.Result first = build(builder(), false);
        assertEquals(3, first.runsExecuted());
        // --no-cache re-makes the first layer (new random bytes) and fails to package the second:
        // the store's entry for step 2 still names a layer made over the old first layer
        AtomicInteger calls = new AtomicInteger();
        assertThrows(BuildException.class, () -> build(builder().withLayerWriter(failingOn(2, calls)), true));
        Builder.Result next = build(builder(), false);
        assertEquals(List.of(LayerStatus.CACHED, LayerStatus.EXECUTED, LayerStatus.EXECUTED), statuses(next),
                "step 1 is the re-made layer; steps 2 and 3 were made over the old one and run again");
        assertNotEquals(first.image().manifest().layers().get(1), next.image().manifest().layers().get(1));
        Builder.Result warm = build(builder(), false);
        assertEquals(0, warm.runsExecuted());
        assertEquals(next.image().manifestDescriptor(), warm.image().manifestDescriptor());
    }

    @Test
    void anIdenticalStepOfAnotherStageReusesTheLayerThisBuildMade() throws Exception {
        Files.writeString(context.resolve("Dockerfile"), """
                FROM localhost/busybox:local AS one
                RUN head -c 4096 /dev/urandom > /a
                FROM localhost/busybox:local
                RUN head -c 4096 /dev/urandom > /a
                COPY --from=one /a /from-one
                """);
        Builder.Result r = build(builder(), false);
        assertEquals(1, r.runsExecuted(), "the second stage's RUN reuses the first stage's layer");
        assertEquals(List.of(LayerStatus.CACHED, LayerStatus.EXECUTED), statuses(r));
        assertEquals(3, r.image().manifest().layers().size(), "busybox, the RUN layer, the COPY layer");
        assertEquals(3, r.image().config().rootfs().diffIds().size());
        // the config names the layers' real diffIds (no placeholder of a layer then still packaging)
        for (int i = 0; i < 3; i++) {
            var blob = r.image().manifest().layers().get(i).blobDigest();
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = dev.dftools.sim.layer.TarFiles.open(store.verifiedBlob(blob))) {
                in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha));
            }
            assertEquals("sha256:" + java.util.HexFormat.of().formatHex(sha.digest()),
                    r.image().config().rootfs().diffIds().get(i), "diffId of layer " + i);
        }
        Builder.Result warm = build(builder(), false);
        assertEquals(0, warm.stepsExecuted());
        assertEquals(r.image().manifestDescriptor(), warm.image().manifestDescriptor());
    }
}
