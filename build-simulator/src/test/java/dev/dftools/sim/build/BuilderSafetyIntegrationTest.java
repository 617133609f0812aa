package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.store.ImageStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY never reads a host file outside the build context: a context symlink is followed inside the
 * context only (BuildKit resolves source paths in the context root), symlinks inside a copied dir are
 * copied as symlinks, and {@code COPY ../x} is refused with file:line:col. A canary outside the context
 * is checksummed before and after, and nothing may appear next to it.
 */
class BuilderSafetyIntegrationTest {
    @TempDir
    Path tmp;

    private ImageStore store;
    private Path outside;
    private Path canary;
    private String canarySum;
    private Path context;

    @BeforeEach
    void setUp() throws Exception {
        // COPY sets owners (0:0): root is needed, as for the sandbox
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        store = ImageStore.open(tmp.resolve("store"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        canary = outside.resolve("canary.txt");
        Files.writeString(canary, "host secret\n");
        canarySum = sha256(canary);
        context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("inside.txt"), "inside\n");
        Files.createSymbolicLink(context.resolve("rel-out"), Path.of("../outside"));
        Files.createSymbolicLink(context.resolve("abs-out"), outside);
        Files.createSymbolicLink(context.resolve("file-out"), canary);
        Files.createSymbolicLink(context.resolve("up-in"), Path.of("../../../inside.txt"));
    }

    @AfterEach
    void canaryIsUntouched() throws Exception {
        if (canary == null) {
            return;
        }
        assertEquals(canarySum, sha256(canary), "the host file outside the context changed");
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(canary), s.toList(), "something appeared outside the context");
        }
    }

    private Builder.Result build(String dockerfile) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        var plan = Planner.plan(Dockerfiles.parse(dockerfile), PlanOptions.defaults("Dockerfile"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile", "localhost/t:1",
                Network.NONE, true));
    }

    private List<LayerFile> files(Builder.Result result) throws Exception {
        Digest d = result.image().manifest().layers().get(0).blobDigest();
        try (InputStream in = TarFiles.open(store.verifiedBlob(d))) {
            return TarFiles.list(in);
        }
    }

    @Test
    void aSourceThroughALinkOutOfTheContextIsNotFound() throws Exception {
        for (String source : List.of("rel-out/canary.txt", "abs-out/canary.txt", "file-out")) {
            BuildException e = assertThrows(BuildException.class, () -> build("FROM scratch\nCOPY " + source + " /x\n"));
            assertEquals(BuildException.INPUT, e.exitCode());
            assertTrue(e.getMessage().startsWith("Dockerfile:2: COPY source \"" + source + "\" is not in the build context"),
                    e.getMessage());
        }
    }

    @Test
    void aLinkIsFollowedInsideTheContextRoot() throws Exception {
        // up-in -> ../../../inside.txt: ".." stops at the context root, so it is the context's inside.txt
        Builder.Result r = build("FROM scratch\nCOPY up-in /copied.txt\n");
        LayerFile f = files(r).stream().filter(x -> x.path().equals("copied.txt")).findFirst().orElseThrow();
        assertEquals("inside\n".length(), f.size());
    }

    @Test
    void linksInACopiedDirectoryAreCopiedAsLinks() throws Exception {
        Builder.Result r = build("FROM scratch\nCOPY . /ctx/\n");
        List<LayerFile> files = files(r);
        for (String link : List.of("ctx/rel-out", "ctx/abs-out", "ctx/file-out")) {
            LayerFile f = files.stream().filter(x -> x.path().equals(link)).findFirst().orElseThrow();
            assertEquals(LayerFile.Kind.SYMLINK, f.kind(), link);
        }
        assertTrue(files.stream().noneMatch(x -> x.path().endsWith("canary.txt")), files.toString());
    }

    @Test
    void aSourceAboveTheContextIsRefusedWithLineAndColumn() throws Exception {
        BuildException e = assertThrows(BuildException.class,
                () -> build("FROM scratch\nCOPY inside.txt ../outside/canary.txt /x/\n"));
        assertEquals(BuildException.INPUT, e.exitCode());
        assertEquals("Dockerfile:2:17: COPY source \"../outside/canary.txt\" is outside the build context", e.getMessage());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
