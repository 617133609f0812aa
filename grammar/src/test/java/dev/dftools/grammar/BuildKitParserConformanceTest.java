package dev.dftools.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * BuildKit's own parser test data (shared/conformance/buildkit-parser), run the way upstream's
 * parser_test.go runs it: every positive case dumps exactly its result, every negative case is
 * an error, and the line numbers of testfile-line match.
 */
class BuildKitParserConformanceTest {

    private static final Path ROOT = SharedData.path("conformance", "buildkit-parser");

    @Test
    void positiveCasesDumpExactlyTheirResult() throws IOException {
        List<Path> cases = listDirs(ROOT.resolve("testfiles"));
        List<String> failures = new ArrayList<>();
        for (Path dir : cases) {
            Dockerfile parsed = Dockerfiles.parse(SharedData.read(dir.resolve("Dockerfile")));
            String expected = SharedData.read(dir.resolve("result"));
            String actual = BuildKitDump.dump(parsed).stripTrailing() + "\n";
            if (parsed.hasErrors()) {
                failures.add(dir.getFileName() + ": unexpected errors " + parsed.errors());
            } else if (!expected.equals(actual)) {
                failures.add(dir.getFileName() + ":\n--- expected\n" + expected + "--- actual\n" + actual);
            }
        }
        System.out.printf("buildkit-parser testfiles: %d/%d dump exactly their result%n",
                cases.size() - failures.size(), cases.size());
        assertTrue(cases.size() >= 33, "expected the 33 upstream cases, found " + cases.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void negativeCasesAreSyntaxErrors() throws IOException {
        List<Path> cases = listDirs(ROOT.resolve("testfiles-negative"));
        List<String> failures = new ArrayList<>();
        for (Path dir : cases) {
            Dockerfile parsed = Dockerfiles.parse(SharedData.read(dir.resolve("Dockerfile")));
            if (!parsed.hasErrors()) {
                failures.add(dir.getFileName().toString());
            } else {
                System.out.printf("  %s -> %s%n", dir.getFileName(), parsed.errors().get(0));
            }
        }
        System.out.printf("buildkit-parser testfiles-negative: %d/%d are syntax errors%n",
                cases.size() - failures.size(), cases.size());
        assertEquals(4, cases.size());
        assertTrue(failures.isEmpty(), "parsed without error: " + failures);
    }

    @Test
    void lineNumbersMatchTestfileLine() {
        Dockerfile parsed = Dockerfiles.parse(SharedData.read(ROOT.resolve("testfile-line/Dockerfile")));
        List<String> lines = parsed.instructions().stream()
                .map(Instruction::range)
                .map(r -> "[" + r.startLine() + "," + r.endLine() + "]")
                .toList();
        System.out.println("buildkit-parser testfile-line: " + lines + " (expected [[5,5], [11,12], [17,31]])");
        assertEquals(List.of("[5,5]", "[11,12]", "[17,31]"), lines);
        assertTrue(parsed.errors().isEmpty(), parsed.errors().toString());
    }

    private static List<Path> listDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
