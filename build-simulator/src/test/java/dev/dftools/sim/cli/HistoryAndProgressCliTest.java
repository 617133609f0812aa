package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dfsim history} and the plain progress lines of {@code dfsim build} (no RUN, so no sandbox needed). */
class HistoryAndProgressCliTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Dfsim.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void buildPrintsStepProgressAndHistoryListsNewestFirstWithSizes() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.write(ctx.resolve("app.bin"), new byte[3000]);
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY app.bin /app/
                LABEL version=1
                CMD ["/app/app.bin"]
                """);
        String store = tmp.resolve("store").toString();
        assertEquals(0, run("build", "--store", store, "-t", "localhost/h:1", ctx.toString()), err.toString());
        List<String> progress = err.toString().lines().filter(l -> l.startsWith("#")).toList();
        assertEquals(List.of("#1/3 [0] line 2: COPY app.bin /app/", "#1/3 done", "#2/3 [0] line 3: LABEL version=1",
                "#2/3 done", "#3/3 [0] line 4: CMD [\"/app/app.bin\"]", "#3/3 done"),
                progress.stream().map(l -> l.replaceAll(" done .*", " done")).toList());

        out.getBuffer().setLength(0);
        assertEquals(0, run("history", "--store", store, "--no-human", "localhost/h:1"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("CREATED "), lines.get(0));
        assertTrue(lines.get(1).contains("CMD [\"/app/app.bin\"]") && lines.get(1).matches(".*\\s0\\s*$"), lines.get(1));
        assertTrue(lines.get(2).contains("LABEL version=1"), lines.get(2));
        // one 3000-byte file in a dir: 512 (dir) + 512 + 3072 (file) + 1024 (end) = 5120 bytes of tar
        assertTrue(lines.get(3).contains("COPY app.bin /app/ # buildkit") && lines.get(3).matches(".*\\s5120\\s*$"),
                lines.get(3));
        assertEquals(4, lines.size());

        assertEquals(2, run("build", "--store", store, "--progress", "fancy", ctx.toString()));
        assertTrue(err.toString().contains("--progress must be auto, tty or plain"), err.toString());
        assertEquals(2, run("build", "--store", store, "--secret", "id=x,src=" + tmp.resolve("missing"), ctx.toString()));
        assertTrue(err.toString().contains("cannot read"), err.toString());
        assertEquals(2, run("history", "--store", store, "localhost/nope:1"));
        assertTrue(err.toString().contains("dfsim: "), err.toString());
    }
}
