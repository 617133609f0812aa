package dev.dftools.sim.build;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;

/**
 * Stored layers unpacked once and reused by every later build as overlay lower dirs:
 * {@code STORE/unpacked/<blob hex>/}. Unpacking a base image per build cost seconds (the Debian
 * base is 116 MiB) and dominated warm rebuilds. A dir is only ever read (RUN writes go to the
 * overlay's upper dir), it appears complete or not at all (unpacked aside, then renamed), and it is
 * named by its blob's digest, so a dir that exists is the verified blob's content. Deleting
 * {@code STORE/unpacked} is always safe.
 */
final class UnpackedLayers {
    static final String DIR = "unpacked";

    private final ImageStore store;
    private final Path root;

    UnpackedLayers(ImageStore store) {
        this.store = store;
        this.root = store.root().resolve(DIR);
    }

    /** The unpacked dir of the layer blob {@code blob}, unpacking the verified blob the first time. */
    Path dir(Digest blob) throws IOException, StoreException {
        Path dir = root.resolve(blob.hex());
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(root);
        Path aside = Files.createTempDirectory(root, ".unpacking-");
        try {
            LayerExtractor.extract(store.verifiedBlob(blob), aside.resolve("layer"));
            try {
                Files.move(aside.resolve("layer"), dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another build unpacked the same blob meanwhile: same content, keep theirs
            } catch (IOException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        } finally {
            LayerExtractor.deleteRecursively(aside);
        }
        return dir;
    }
}
