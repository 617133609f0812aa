package dev.dftools.grammar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SyntaxError;
import dev.dftools.grammar.internal.GoQuote;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our own parser fixtures for what BuildKit's testfiles lack (heredocs, lower-case keywords,
 * real flags, CRLF, BOM, tabs, Windows escape...). Each {@code fixtures/parser/<name>/} holds:
 * <ul>
 * <li>{@code Dockerfile}: the input (bytes as written, CR and BOM included);</li>
 * <li>{@code expected}: what BuildKit's AST dump would print, worked out from the rules in
 * shared/reference/buildkit-parser.md (for a file BuildKit rejects: the AST we recover);</li>
 * <li>{@code errors} (optional): one {@code line:col-line:col message} per expected error; without
 * it the file must parse without errors;</li>
 * <li>{@code heredocs} (optional): one {@code name expand= chomp= fd= "content"} per heredoc, in
 * order, since bodies never appear in the dump.</li>
 * </ul>
 */
class ParserFixturesTest {

    @Test
    void everyFixtureDumpsItsExpectedAst() throws IOException, URISyntaxException {
        Path root = Path.of(ParserFixturesTest.class.getResource("/fixtures/parser").toURI());
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int withErrors = 0;
        int heredocCases = 0;
        for (Path dir : cases) {
            String name = dir.getFileName().toString();
            Dockerfile parsed = Dockerfiles.parse(SharedData.read(dir.resolve("Dockerfile")));
            String expected = SharedData.read(dir.resolve("expected"));
            String actual = BuildKitDump.dump(parsed);
            if (!expected.equals(actual)) {
                failures.add(name + ": dump differs\n--- expected\n" + expected + "--- actual\n" + actual);
            }
            String expectedErrors = readOptional(dir.resolve("errors"));
            withErrors += expectedErrors.isEmpty() ? 0 : 1;
            String actualErrors = errors(parsed);
            if (!expectedErrors.equals(actualErrors)) {
                failures.add(name + ": errors differ\n--- expected\n" + expectedErrors + "--- actual\n" + actualErrors);
            }
            String expectedHeredocs = readOptional(dir.resolve("heredocs"));
            if (!expectedHeredocs.isEmpty()) {
                heredocCases++;
                String actualHeredocs = heredocs(parsed);
                if (!expectedHeredocs.equals(actualHeredocs)) {
                    failures.add(name + ": heredocs differ\n--- expected\n" + expectedHeredocs + "--- actual\n"
                            + actualHeredocs);
                }
            }
        }
        System.out.printf("parser fixtures: %d/%d pass (%d with expected errors, %d with heredoc bodies)%n",
                cases.size() - failures.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().count(),
                cases.size(), withErrors, heredocCases);
        assertTrue(cases.size() >= 20, "expected the parser fixtures, found " + cases.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static String errors(Dockerfile parsed) {
        StringBuilder s = new StringBuilder();
        for (SyntaxError e : parsed.errors()) {
            s.append(e.range()).append(' ').append(e.message()).append('\n');
        }
        return s.toString();
    }

    private static String heredocs(Dockerfile parsed) {
        StringBuilder s = new StringBuilder();
        for (Instruction instruction : parsed.instructions()) {
            for (Heredoc h : instruction.heredocs()) {
                s.append(h.name()).append(" expand=").append(h.expand()).append(" chomp=").append(h.chomp())
                        .append(" fd=").append(h.fileDescriptor()).append(' ').append(GoQuote.quote(h.content()))
                        .append('\n');
            }
        }
        return s.toString();
    }

    private static String readOptional(Path file) {
        return Files.exists(file) ? SharedData.read(file) : "";
    }
}
