package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.plan.BuildPlan;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.store.ImageStore;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stat fingerprint that lets a cached COPY skip copying and hashing unchanged context files. */
class CopyFingerprintTest {
    @TempDir
    Path tmp;

    private Path context;

    @BeforeEach
    void context() throws Exception {
        context = Files.createDirectories(tmp.resolve("ctx"));
        Files.createDirectories(context.resolve("data/sub"));
        Files.writeString(context.resolve("data/a"), "one");
        Files.writeString(context.resolve("data/sub/b"), "bee");
        Files.writeString(context.resolve("data/skip.log"), "ignored");
        Files.createSymbolicLink(context.resolve("data/link"), Path.of("a"));
    }

    private BuildPlan plan(String dockerfile) throws Exception {
        return Planner.plan(Dockerfiles.parse(dockerfile), PlanOptions.defaults("Dockerfile"));
    }

    private Builder.Request request(BuildPlan plan, DockerIgnore ignore) {
        return new Builder.Request(plan, context, ignore, "Dockerfile", "localhost/fp:1", Network.NONE);
    }

    private CopyFingerprint.Result fingerprint(String dockerfile, DockerIgnore ignore, Instant now) throws Exception {
        BuildPlan plan = plan(dockerfile);
        Step copy = plan.target().steps().stream().filter(s -> s.copy() != null).findFirst().orElseThrow();
        return CopyFingerprint.of(request(plan, ignore), copy, new int[] {0, 0}, null, DockerIgnore.empty(), now);
    }

    private static final String COPY_DATA = "FROM scratch\nCOPY data/ /data/\n";

    @Test
    void theSameFilesGiveTheSameFingerprintAndAnyChangeAnother() throws Exception {
        Instant later = Instant.now().plusSeconds(60);
        CopyFingerprint.Result first = fingerprint(COPY_DATA, DockerIgnore.empty(), later);
        assertEquals(first, fingerprint(COPY_DATA, DockerIgnore.empty(), later));
        assertTrue(first.settled(), "files older than the settle time may be recorded");

        // same size, mtime put back: the ctime still moves, so the change is seen
        FileTime mtime = Files.getLastModifiedTime(context.resolve("data/a"));
        Thread.sleep(20);
        Files.writeString(context.resolve("data/a"), "two");
        Files.setLastModifiedTime(context.resolve("data/a"), mtime);
        CopyFingerprint.Result rewritten = fingerprint(COPY_DATA, DockerIgnore.empty(), later);
        assertNotEquals(first.value(), rewritten.value());

        Files.delete(context.resolve("data/link"));
        Files.createSymbolicLink(context.resolve("data/link"), Path.of("sub/b"));
        assertNotEquals(rewritten.value(), fingerprint(COPY_DATA, DockerIgnore.empty(), later).value());
    }

    @Test
    void theSpecAndTheIgnoredFilesArePartOfIt() throws Exception {
        Instant later = Instant.now().plusSeconds(60);
        CopyFingerprint.Result all = fingerprint(COPY_DATA, DockerIgnore.empty(), later);
        assertNotEquals(all.value(), fingerprint("FROM scratch\nCOPY data/ /elsewhere/\n", DockerIgnore.empty(), later)
                .value());
        CopyFingerprint.Result ignoring = fingerprint(COPY_DATA, DockerIgnore.parse("data/*.log\n"), later);
        assertNotEquals(all.value(), ignoring.value());
        // a change to an ignored file does not matter: it is not copied
        Files.writeString(context.resolve("data/skip.log"), "changed, and longer");
        assertEquals(ignoring.value(), fingerprint(COPY_DATA, DockerIgnore.parse("data/*.log\n"), later).value());
    }

    @Test
    void freshFilesAreNotSettledAndOtherSourcesHaveNoFingerprint() throws Exception {
        assertFalse(fingerprint(COPY_DATA, DockerIgnore.empty(), Instant.now()).settled(),
                "a file written within the settle time could change again unseen");
        assertNull(fingerprint("FROM scratch AS a\nFROM scratch\nCOPY --from=a / /x/\n", DockerIgnore.empty(),
                Instant.now()));
        assertNull(fingerprint("FROM scratch\nCOPY missing /x\n", DockerIgnore.empty(), Instant.now()));
    }

    @Test
    void aRebuildUsesTheRecordedFingerprintAndStillSeesAChangedFile() throws Exception {
        ImageStore store = ImageStore.open(tmp.resolve("store"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(),
                Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));
        BuildPlan plan = plan(COPY_DATA);
        Builder.Result cold = builder.build(request(plan, DockerIgnore.empty()));
        assertEquals(1, cold.stepsExecuted());
        Thread.sleep(CopyFingerprint.SETTLED.toMillis() + 100); // let the files settle so a fingerprint is recorded
        Builder.Result warm = builder.build(request(plan, DockerIgnore.empty()));
        assertEquals(0, warm.stepsExecuted());
        CopyFingerprint.Result now = fingerprint(COPY_DATA, DockerIgnore.empty(), Instant.now());
        assertTrue(now.settled());
        assertNotNull(store.copyInputs(now.value()), "the warm build recorded the fingerprint");
        Builder.Result again = builder.build(request(plan, DockerIgnore.empty()));
        assertEquals(0, again.stepsExecuted());
        assertEquals(cold.image().id(), again.image().id());

        FileTime mtime = Files.getLastModifiedTime(context.resolve("data/a"));
        Files.writeString(context.resolve("data/a"), "two");
        Files.setLastModifiedTime(context.resolve("data/a"), mtime);
        Builder.Result changed = builder.build(request(plan, DockerIgnore.empty()));
        assertEquals(1, changed.stepsExecuted(), "same size and mtime, new content: copied again");
        assertNotEquals(cold.image().config().rootfs().diffIds(), changed.image().config().rootfs().diffIds());
    }
}
