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
        Path file = write("Dockerfile", "FROM alpine:3.20\nENV PATH\nRUN true\n");
        Result r = run("--format", "gnu", "--no-context", file.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains(file + ":2.1-2.9: error: ENV must have two arguments [DF1000]"), r.out());
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
        assertTrue(d.err().contains("no Dockerfile found in this directory"), d.err());
        assertEquals(1, d.err().lines().count(), d.err());
        Result u = run("--no-such-option", "x");
        assertEquals(2, u.exit());
        assertTrue(u.err().startsWith("dflint: "), u.err());
    }

    @Test
    void optionsTakeValuesInEveryUsualSpellingAndRuleListsSplitOnCommas() throws IOException {
        Path file = write("Dockerfile", "FROM alpine\nRUN apt-get update\nMAINTAINER me\n");
        Result all = run("--format=gnu", file.toString());
        assertTrue(all.out().contains("DL3006") || all.out().contains("DF2000"), all.out());
        // --ignore A,B and a second --ignore C; -f VALUE and -fVALUE
        Result some = run("-f", "json", "--ignore", "DL3006,DL4000", "--ignore=DL3009", file.toString());
        Result same = run("-fjson", "--ignore=DL3006", "--ignore", "DL4000", "--ignore", "DL3009", file.toString());
        assertEquals(some.out(), same.out());
        assertFalse(some.out().contains("\"DL3006\"") || some.out().contains("\"DL4000\""), some.out());
        assertTrue(some.out().startsWith("["), some.out());
        assertFalse(some.out().equals(run("-f", "json", file.toString()).out()));
    }

    @Test
    void helpVersionAndMissingValues() {
        Result help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("usage: dflint"), help.out());
        assertTrue(help.out().contains("--failure-threshold <SEVERITY>"), help.out());
        assertTrue(help.out().contains("2   usage error"), help.out());
        Result version = run("-V");
        assertEquals(0, version.exit());
        assertEquals("dflint 0.1.0\n", version.out());
        Result missing = run("x", "--format");
        assertEquals(2, missing.exit());
        assertEquals("dflint: option --format needs a value (FORMAT)\nTry 'dflint --help' for more information.\n",
                missing.err());
        Result abbreviated = run("--form", "json", "x");
        assertEquals(2, abbreviated.exit());
        assertTrue(abbreviated.err().startsWith("dflint: unknown option '--form'"), abbreviated.err());
    }

    @Test
    void bomIsDroppedSoColumnsMatchTheEditor() throws IOException {
        Path file = write("Dockerfile", "\uFEFFFROM alpine\nFOO bar\n");
        Result r = run("--format", "gnu", file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains(":2.1-2.4: error: unknown instruction: FOO"), r.out());
    }

    @Test
    void directoriesAreSearchedRecursivelyForDockerfiles() throws IOException {
        Files.createDirectories(dir.resolve("svc/api"));
        Files.createDirectories(dir.resolve("node_modules/x"));
        write("svc/api/Dockerfile", "FROM alpine:3.20\nFOO\n");
        write("svc/worker.Dockerfile", "FROM alpine:3.20\n");
        write("Containerfile", "FROM alpine:3.20\nBAR\n");
        write("node_modules/x/Dockerfile", "FROM alpine:3.20\nBAZ\n");
        write("README.md", "not a Dockerfile");
        Result r = run("--format", "gnu", dir.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("svc/api/Dockerfile:2.1-2.4: error: unknown instruction: FOO"), r.out());
        assertTrue(r.out().contains("Containerfile:2.1-2.4: error: unknown instruction: BAR"), r.out());
        assertFalse(r.out().contains("BAZ"), "node_modules is skipped: " + r.out());
    }

    @Test
    void unknownFormatAndBrokenConfigAreUsageErrors() throws IOException {
        Path file = write("Dockerfile", "FROM alpine:3.20\n");
        Result f = run("--format", "xml", file.toString());
        assertEquals(2, f.exit());
        assertEquals("dflint: unknown --format 'xml' (use tty, json, sarif, checkstyle, gnu, gitlab)\n", f.err());
        write(".dflint.yaml", "ignored: [DL3008\n  bad: : yaml");
        Result c = run(file.toString());
        assertEquals(2, c.exit());
        assertTrue(c.err().startsWith("dflint: ") && c.err().contains(".dflint.yaml: not a valid YAML"), c.err());
        assertEquals(1, c.err().lines().count(), c.err());
    }

    @Test
    void unknownRuleInConfigIsReportedNotIgnored() throws IOException {
        Path file = write("Dockerfile", "FROM alpine:3.20\n");
        write(".hadolint.yaml", "ignored: [DL9999]\n");
        Result r = run(file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("unknown rule 'DL9999'"), r.err());
    }

    @Test
    void jsonOutputHasOneObjectPerFindingWithExactRange() throws IOException {
        Path file = write("Dockerfile", "FROM alpine:3.20\nENV PATH\n");
        Result r = run("--format", "json", file.toString());
        assertEquals(1, r.exit());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(1, json.size(), r.out());
        var f = json.get(0);
        assertEquals(file.toString(), f.get("file").asText());
        assertEquals(2, f.get("line").asInt());
        assertEquals(1, f.get("column").asInt());
        assertEquals(2, f.get("endLine").asInt());
        assertEquals(9, f.get("endColumn").asInt());
        assertEquals("DF1000", f.get("code").asText());
        assertEquals("syntax-error", f.get("slug").asText());
        assertEquals("DL1000", f.get("aliases").get(0).asText());
        assertEquals("error", f.get("severity").asText());
    }

    @Test
    void sarifCheckstyleAndGitlabOutputsAreWellFormed() throws Exception {
        Path file = write("Dockerfile", "FROM alpine:3.20\nENV PATH\n");
        var sarif = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run("-f", "sarif", file.toString()).out());
        assertEquals("2.1.0", sarif.get("version").asText());
        var result = sarif.get("runs").get(0).get("results").get(0);
        assertEquals("DF1000", result.get("ruleId").asText());
        assertEquals(2, result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt());
        assertEquals("DF1000", sarif.get("runs").get(0).get("tool").get("driver").get("rules").get(0).get("id").asText());
        String xml = run("-f", "checkstyle", file.toString()).out();
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("2", ((org.w3c.dom.Element) doc.getElementsByTagName("error").item(0)).getAttribute("line"));
        var gitlab = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run("-f", "gitlab", file.toString()).out());
        assertEquals("blocker", gitlab.get(0).get("severity").asText());
        assertEquals(40, gitlab.get(0).get("fingerprint").asText().length());
    }

    @Test
    void ttyOutputShowsTheSourceLineWithACaret() throws IOException {
        Path file = write("Dockerfile", "FROM alpine:3.20\nFOOBAR x\n");
        Result r = run(file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains(file + ":2:1 DF1000 error: unknown instruction: FOOBAR"), r.out());
        assertTrue(r.out().contains("\n  FOOBAR x\n  ^~~~~~\n"), r.out());
    }

    @Test
    void thresholdAndNoFailDecideTheExitCode() throws IOException {
        Path file = write("Dockerfile", "FROM alpine:3.20\nENV PATH\n");
        assertEquals(1, run("-t", "error", file.toString()).exit());
        assertEquals(0, run("--no-fail", file.toString()).exit());
        assertEquals(2, run("-t", "fatal", file.toString()).exit());
    }

    @Test
    void listRulesAndExplain() {
        Result list = run("--list-rules");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("DF1000  syntax-error"), list.out());
        Result explain = run("--explain", "DL1000");
        assertEquals(0, explain.exit());
        assertTrue(explain.out().startsWith("# DF1000 syntax-error"), explain.out());
        assertTrue(explain.out().contains("## Why"), explain.out());
        Result unknown = run("--explain", "DF9999");
        assertEquals(2, unknown.exit());
        assertEquals("dflint: unknown rule 'DF9999' (see dflint --list-rules)\n", unknown.err());
    }

    @Test
    void fixAppliesSafeFixesInPlaceAndDryRunShowsADiff() throws IOException {
        String original = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl "
                + "&& rm -rf /var/lib/apt/lists/*\nEXPOSE 80/TCP\n";
        Path file = write("Dockerfile", original);
        Result dry = run("--fix", "--dry-run", "--no-context", file.toString());
        assertEquals(original, Files.readString(file), "dry run must not write");
        assertTrue(dry.out().contains("-RUN apt-get update && apt-get install -y curl"), dry.out());
        assertTrue(dry.out().contains("+RUN apt-get update && apt-get install -y --no-install-recommends curl")
                || dry.out().contains("+RUN apt-get update && apt-get install --no-install-recommends -y curl"), dry.out());
        assertTrue(dry.out().contains("+EXPOSE 80/tcp"), dry.out());
        Result fixed = run("--fix", "--no-context", "-f", "json", file.toString());
        String after = Files.readString(file);
        assertTrue(after.contains("--no-install-recommends"), after);
        assertTrue(after.contains("EXPOSE 80/tcp"), after);
        assertTrue(fixed.err().contains("applied"), fixed.err());
        var remaining = new com.fasterxml.jackson.databind.ObjectMapper().readTree(fixed.out());
        for (var f : remaining) {
            assertFalse(f.get("code").asText().equals("DF3015") || f.get("code").asText().equals("DF5011"),
                    "fixed findings must be gone: " + fixed.out());
        }
    }

    @Test
    void standardInputIsLinted() throws IOException {
        var in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("FROM alpine:3.20\nMAINTAINER me\n".getBytes(StandardCharsets.UTF_8)));
            Result r = run("-f", "gnu", "-");
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.out().startsWith("-:2.1-2.11: error: Maintainer instruction is deprecated"), r.out());
            assertTrue(r.out().contains("[DF1006]"), r.out());
        } finally {
            System.setIn(in);
        }
    }
}
