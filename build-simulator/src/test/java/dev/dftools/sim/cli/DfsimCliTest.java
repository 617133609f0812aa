package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.LayerStatus;
import dev.dftools.sim.report.ReportJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DfsimCliTest {

    @TempDir
    Path ctx;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Dfsim.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private void write(String path, int size) throws IOException {
        Path p = ctx.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
    }

    @Test
    void dryRunEstimatesContextCopiesHonouringDockerignore() throws IOException {
        write("app/a.bin", 1000);
        write("app/b.txt", 10);
        write("app/skip.log", 5000);
        write("lib/x.jar", 300);
        write("lib/y.jar", 200);
        Files.writeString(ctx.resolve(".dockerignore"), "**/*.log\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM alpine AS build
                RUN echo hi
                FROM alpine
                WORKDIR /srv
                COPY app ./app/
                COPY lib/*.jar /libs/
                COPY app/b.txt app/
                COPY --from=build /x /x
                RUN ls
                CMD ["sh"]
                """);
        assertEquals(0, run("build", "--dry-run", "--format", "json", ctx.toString()), err.toString());
        BuildReport report = ReportJson.read(out.toString());
        assertEquals("dry-run", report.mode());
        var layers = report.layers();
        assertEquals(7, layers.size());
        assertEquals(LayerStatus.ESTIMATED, layers.get(1).status());
        assertEquals(1010, layers.get(1).size());
        assertEquals(2, layers.get(1).filesAdded());
        assertEquals("srv/app/a.bin", layers.get(1).largestFiles().get(0).path());
        assertEquals(500, layers.get(2).size());
        assertEquals(1, layers.get(3).filesChanged());
        assertEquals(10, layers.get(1).wastedBytes());
        assertEquals(LayerStatus.NOT_EXECUTED, layers.get(4).status());
        assertEquals(LayerStatus.NOT_EXECUTED, layers.get(5).status());
        assertTrue(layers.get(6).emptyLayer());
        assertEquals(1520, report.totals().imageSize());
    }

    @Test
    void heredocSourcesAreFilesOfTheirBodySize() throws IOException {
        Files.writeString(ctx.resolve("Dockerfile"),
                "FROM scratch\nCOPY <<EOF /etc/app.conf\nbind 0.0.0.0\nport 80\nEOF\nCOPY <<A <<B /etc/\nx\nA\nyy\nB\n");
        assertEquals(0, run("build", "--dry-run", "--format", "json", ctx.toString()), err.toString());
        String json = out.toString();
        assertTrue(json.contains("\"etc/app.conf\""), json);
        assertTrue(json.contains("\"etc/A\"") && json.contains("\"etc/B\""), json);
    }

    @Test
    void tableIsTheDefault() throws IOException {
        write("f", 2048);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY f /f\n");
        assertEquals(0, run("build", "--dry-run", ctx.toString()), err.toString());
        assertTrue(out.toString().contains("COPY f /f"), out.toString());
        assertTrue(out.toString().contains("2.0 KiB"), out.toString());
    }

    @Test
    void buildWithABaseMissingFromTheStoreExits2(@TempDir Path store) throws IOException {
        Files.writeString(ctx.resolve("Dockerfile"), "FROM localhost/nothere:local\nRUN true\n");
        assertEquals(2, run("build", "--store", store.toString(), ctx.toString()));
        assertTrue(err.toString().contains("base image localhost/nothere:local is not in the local store"),
                err.toString());
    }

    @Test
    void buildFromScratchWithCopyAndWorkdirNeedsNoSandbox(@TempDir Path store) throws IOException {
        write("app/a.bin", 1000);
        write("skip.log", 10);
        Files.writeString(ctx.resolve(".dockerignore"), "*.log\n");
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY app /srv/
                WORKDIR /srv/data
                ENV A=b
                CMD ["/srv/a.bin"]
                COPY app/a.bin /srv/a.bin
                """);
        assertEquals(0, run("build", "--store", store.toString(), "--no-cache", "-t", "localhost/t:1", "--format",
                "json", ctx.toString()), err.toString());
        BuildReport report = ReportJson.read(out.toString());
        assertEquals("build", report.mode());
        assertEquals(5, report.layers().size());
        var copy = report.layers().get(0);
        assertEquals(1, copy.filesAdded());
        // srv/ + srv/a.bin: 2 headers, 1000 bytes padded to 1024, the end blocks
        assertEquals(512 + 512 + 1024 + 1024, copy.size());
        assertEquals(1000, copy.wastedBytes(), "overwritten by line 6");
        assertEquals(1, report.layers().get(4).filesChanged());
        assertEquals(6, report.advice().get(0).line());
        assertEquals("DF3510", report.advice().get(0).rule());
        assertTrue(report.layers().get(2).emptyLayer());
        out.getBuffer().setLength(0);
        assertEquals(0, run("images", "--store", store.toString()), err.toString());
        assertTrue(out.toString().contains("localhost/t:1"), out.toString());
        assertTrue(out.toString().matches("(?s).*localhost/t:1 +[0-9a-f]{12} +3 .*"), out.toString());
    }

    @Test
    void importThenImagesListsTheImage(@TempDir Path store) throws IOException {
        write("rootfs/bin/x", 100);
        assertEquals(0, run("import", "--store", store.toString(), ctx.resolve("rootfs").toString(),
                "localhost/mini:local"), err.toString());
        assertTrue(out.toString().startsWith("localhost/mini:local sha256:"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("images", "--store", store.toString()));
        assertTrue(out.toString().contains("localhost/mini:local"), out.toString());
        assertEquals(2, run("import", "--store", store.toString(), ctx.resolve("nope").toString(), "x"));
        assertTrue(err.toString().contains("no such rootfs"), err.toString());
    }

    @Test
    void defaultTagComesFromTheContextDir() {
        assertEquals("localhost/my-app:latest", Dfsim.defaultTag(Path.of("/tmp/My App")));
    }

    @Test
    void badInputIsOneLineAndExit2() throws IOException {
        assertEquals(2, run("build", "--dry-run", ctx.toString()));
        assertTrue(err.toString().startsWith("dfsim: Dockerfile not found"), err.toString());
        assertEquals(1, err.toString().strip().lines().count());

        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch AS a\n");
        err.getBuffer().setLength(0);
        assertEquals(2, run("build", "--dry-run", "--target", "nope", ctx.toString()));
        assertEquals("dfsim: Dockerfile: target stage \"nope\" could not be found; stages: a", err.toString().strip());

        err.getBuffer().setLength(0);
        assertEquals(2, run("build", "--dry-run", "--build-arg", "=x", ctx.toString()));
        assertTrue(err.toString().startsWith("dfsim: bad --build-arg =x"), err.toString());

        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY missing /m\n");
        err.getBuffer().setLength(0);
        assertEquals(2, run("build", "--dry-run", ctx.toString()));
        assertTrue(err.toString().startsWith("dfsim: Dockerfile:2:1: COPY source \"missing\""), err.toString());
        assertFalse(err.toString().contains("Exception"));
    }

    @Test
    void buildArgsReachTheEstimate() throws IOException {
        write("v2/f", 7);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nARG V=v1\nCOPY $V/f /f\n");
        assertEquals(0, run("build", "--dry-run", "--format", "json", "--build-arg", "V=v2", ctx.toString()),
                err.toString());
        assertEquals(7, ReportJson.read(out.toString()).totals().imageSize());
    }
}
