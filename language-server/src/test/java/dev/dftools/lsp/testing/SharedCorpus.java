package dev.dftools.lsp.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jdt.annotation.Nullable;

/** The shared real-world corpus (surefire sets {@code dftools.shared}; see the parent pom). */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    /** {@code shared/corpus/real-world}, or null when it is missing (tests then skip). */
    public static @Nullable Path realWorld() {
        Path p = Path.of(System.getProperty("dftools.shared", "../../shared"), "corpus", "real-world");
        return Files.isRegularFile(p.resolve("MANIFEST.tsv")) ? p : null;
    }
}
