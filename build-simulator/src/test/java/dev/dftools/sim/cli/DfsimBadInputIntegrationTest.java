package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.testing.Busybox;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code dfsim build} says, and exits with, on bad input and failing steps: the last stderr line is
 * the one message (the lines before it are the step log and the step's own output).
 */
class DfsimBadInputIntegrationTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Dfsim.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private String lastErrorLine() {
        List<String> lines = err.toString().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private Path context(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx-" + System.nanoTime()));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        return ctx;
    }

    private Path busyboxStore() throws Exception {
        Busybox.assumeAvailable();
        Path store = tmp.resolve("store");
        Busybox.importInto(ImageStore.open(store), tmp.resolve("rootfs"));
        return store;
    }

    @Test
    void unknownBaseImageExits2NamingTheImageAndTheFix() throws Exception {
        Path ctx = context("FROM localhost/not-there:1\nRUN true\n");
        assertEquals(2, run("build", "--store", tmp.resolve("empty-store").toString(), ctx.toString()));
        assertTrue(lastErrorLine().startsWith("dfsim: "), err.toString());
        assertTrue(lastErrorLine().contains("localhost/not-there:1"), err.toString());
        assertTrue(lastErrorLine().contains("dfsim import"), err.toString());
    }

    @Test
    void syntaxErrorExits2WithFileLineAndColumn() throws Exception {
        Path ctx = context("FROM scratch\nCOPY a /a\n  FRM x\n");
        assertEquals(2, run("build", "--store", tmp.resolve("s").toString(), ctx.toString()));
        assertEquals("dfsim: Dockerfile:3:3: unknown instruction: FRM (did you mean FROM?)", lastErrorLine());
    }

    @Test
    void missingContextExits2() {
        Path missing = tmp.resolve("no-such-dir");
        assertEquals(2, run("build", "--store", tmp.resolve("s").toString(), missing.toString()));
        assertEquals("dfsim: build context is not a directory: " + missing, err.toString().strip());
    }

    @Test
    void badTimeoutExits2() throws Exception {
        Path ctx = context("FROM scratch\n");
        assertEquals(2, run("build", "--timeout", "soon", ctx.toString()));
        assertEquals("dfsim: --timeout must be a positive duration such as 90s, 10m or 1h, not soon", err.toString().strip());
        assertEquals(java.time.Duration.ofMillis(500), Dfsim.parseDuration("500ms"));
        assertEquals(java.time.Duration.ofMinutes(10), Dfsim.parseDuration("10m"));
        assertEquals(java.time.Duration.ofSeconds(90), Dfsim.parseDuration("90"));
    }

    @Test
    void failingRunExits1AtItsLineWithItsCodeAndLastOutput() throws Exception {
        Path store = busyboxStore();
        Path ctx = context("FROM localhost/busybox:local\nRUN echo one\nRUN echo warming up; echo broken >&2; exit 7\n"
                + "RUN echo never > /never\n");
        assertEquals(1, run("build", "--store", store.toString(), "-t", "localhost/bad:1", ctx.toString()));
        String e = err.toString();
        // stdout and stderr are read on two threads, so their relative order in the tail may vary
        String tail = e.substring(e.indexOf("dfsim: Dockerfile:3: RUN exited with code 7; last output:\n") + 1);
        assertTrue(e.contains("dfsim: Dockerfile:3: RUN exited with code 7; last output:\n"), e);
        assertTrue(tail.contains("\n  warming up\n") && tail.contains("\n  broken\n"), e);
        assertFalse(e.contains("#4 "), "the build stops at the failing line: " + e);
        assertTrue(ImageStore.open(store).list().stream().noneMatch(i -> i.name().contains("bad")), "no image committed");
    }

    @Test
    void runLongerThanTheTimeoutIsKilledAndReportedAtItsLine() throws Exception {
        Path store = busyboxStore();
        Path ctx = context("FROM localhost/busybox:local\nRUN echo going to sleep; sleep 600\nRUN echo never\n");
        long start = System.nanoTime();
        assertEquals(1, run("build", "--store", store.toString(), "--timeout", "1s", ctx.toString()));
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "the RUN was not killed");
        String e = err.toString();
        assertTrue(e.matches("(?s).*dfsim: Dockerfile:2: RUN timed out after \\d+ ms and was killed; last output:\n"
                + "  going to sleep\n.*"), e);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            assertEquals(List.of(), all.filter(h -> h.info().commandLine().orElse("").contains("sleep 600")).toList());
        }
    }

    /** The store on a 3 MiB tmpfs: the base fits, a 4 MiB random layer does not. */
    @Test
    void fullDiskIsOneClearLineAndCommitsNoImage() throws Exception {
        Path store = busyboxStore();
        Path small = Files.createDirectories(tmp.resolve("small"));
        Assumptions.assumeTrue(Busybox.exec(30, "mount", "-t", "tmpfs", "-o", "size=3m", "dfsim-test", small.toString())
                == 0, "cannot mount a tmpfs here");
        try {
            Path smallStore = small.resolve("store");
            Busybox.importInto(ImageStore.open(smallStore), tmp.resolve("rootfs2"));
            Path ctx = context("FROM localhost/busybox:local\nRUN dd if=/dev/urandom of=/big bs=1M count=4\n");
            int code = run("build", "--store", smallStore.toString(), "-t", "localhost/full:1", ctx.toString());
            assertEquals(3, code, err.toString());
            assertTrue(lastErrorLine().startsWith("dfsim: Dockerfile:2: RUN failed: no space left on device"),
                    err.toString());
            ImageStore s = ImageStore.open(smallStore);
            assertEquals(List.of(Busybox.IMAGE), s.list().stream().map(i -> i.name()).toList(), "no partial image");
            // every blob left in the store is whole: its name is its digest
            try (Stream<Path> blobs = Files.list(smallStore.resolve("blobs/sha256"))) {
                for (Path b : blobs.toList()) {
                    assertEquals(b.getFileName().toString(), Digest.of(b).hex(), "partial blob " + b);
                }
            }
        } finally {
            Busybox.exec(30, "umount", "-l", small.toString());
        }
    }
}
