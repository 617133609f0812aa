package dev.dftools.lint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DflintCliTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dflint.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void printsBuildKitDump() throws IOException {
        Path file = write("Dockerfile", "FROM alpine AS build\nRUN --mount=type=cache,target=/c echo hi\n"
                + "CMD [\"sh\"]\n");
        Result r = run("--print-ast", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("(from \"alpine\" \"AS\" \"build\")\n"
                + "(run [\"--mount=type=cache,target=/c\"] \"echo hi\")\n"
                + "(cmd \"sh\")\n", r.out());
    }

    @Test
    void reportsSyntaxErrorsWithFileLineColumnAndExitOne() throws IOException {
        Path file = write("Dockerfile", "FROM alpine\nENV PATH\nRUN true\n");
        Result r = run(file.toString());
        assertEquals(1, r.exit());
        assertEquals(file + ":2:1: error: ENV must have two arguments\n", r.err());
    }

    @Test
    void missingFileIsOneLineAndExitTwo() {
        Result r = run(dir.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void invalidUtf8AndBinaryAreRejectedCleanly() throws IOException {
        Path bad = dir.resolve("bad");
        Files.write(bad, new byte[] {'F', 'R', 'O', 'M', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        Result r = run(bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not valid UTF-8"), r.err());
        Path bin = dir.resolve("bin");
        Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        Result b = run(bin.toString());
        assertEquals(2, b.exit());
        assertTrue(b.err().contains("binary file"), b.err());
        assertFalse(b.err().contains("Exception"), b.err());
    }

    @Test
    void directoryAndUnknownOptionAreUsageErrors() {
        Result d = run(dir.toString());
        assertEquals(2, d.exit());
        assertTrue(d.err().contains("is a directory"), d.err());
        Result u = run("--no-such-option", "x");
        assertEquals(2, u.exit());
        assertTrue(u.err().startsWith("dflint: "), u.err());
    }

    @Test
    void bomIsDroppedSoColumnsMatchTheEditor() throws IOException {
        Path file = write("Dockerfile", "\uFEFFFROM alpine\nFOO bar\n");
        Result r = run(file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(":2:1: error: unknown instruction: FOO"), r.err());
    }
}
