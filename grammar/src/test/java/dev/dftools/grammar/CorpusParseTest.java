package dev.dftools.grammar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.ast.Dockerfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real-world Dockerfile of shared/corpus parses without a syntax error. A file that
 * legitimately fails is listed in corpus-known-failures.txt with its reason.
 */
class CorpusParseTest {

    static List<Path> corpusFiles() throws IOException {
        Path root = SharedData.path("corpus", "real-world");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .filter(p -> !p.getFileName().toString().equals("MANIFEST.tsv"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyCorpusFileParsesWithoutErrors() throws IOException {
        Map<String, String> known = KnownFailures.load("/corpus-known-failures.txt");
        List<Path> files = corpusFiles();
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> unexpectedlyPassing = new ArrayList<>();
        int instructions = 0;
        Path root = SharedData.path("corpus", "real-world");
        for (Path file : files) {
            String name = root.relativize(file).toString();
            Dockerfile parsed = Dockerfiles.parse(SharedData.read(file));
            instructions += parsed.instructions().size();
            if (parsed.hasErrors()) {
                if (!known.containsKey(name)) {
                    failures.put(name, parsed.errors().toString());
                }
            } else if (known.containsKey(name)) {
                unexpectedlyPassing.add(name);
            }
        }
        System.out.printf("corpus: %d files, %d instructions, %d with syntax errors (%d known, listed in "
                + "corpus-known-failures.txt)%n", files.size(), instructions, failures.size() + known.size()
                - unexpectedlyPassing.size(), known.size());
        assertTrue(files.size() >= 500, "corpus should have 500+ files, found " + files.size());
        assertTrue(failures.isEmpty(), "unexpected syntax errors:\n" + String.join("\n",
                failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        assertTrue(unexpectedlyPassing.isEmpty(), "listed as failing but now parse: " + unexpectedlyPassing);
    }
}
