package dev.dftools.grammar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared conformance data and corpus live (set by surefire; see the parent pom). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("dftools.shared", "../../shared"));
    }

    public static Path path(String first, String... more) {
        return dir().resolve(Path.of(first, more));
    }

    /** Reads a file as UTF-8 (invalid bytes become U+FFFD, as the CLI does). */
    public static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
