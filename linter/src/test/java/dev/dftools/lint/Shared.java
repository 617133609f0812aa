package dev.dftools.lint;

import java.nio.file.Path;

/** Where the shared conformance data and corpus live (set by surefire; see the parent pom). */
public final class Shared {

    private Shared() {
    }

    public static Path path(String first, String... more) {
        return Path.of(System.getProperty("dftools.shared", "../../shared")).resolve(Path.of(first, more));
    }
}
