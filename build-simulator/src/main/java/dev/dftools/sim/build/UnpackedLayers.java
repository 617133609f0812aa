package dev.dftools.sim.build;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.dftools.sim.image.JsonTrees;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;

/**
 * Stored layers unpacked once and reused by every later build as overlay lower dirs:
 * {@code STORE/unpacked/<blob hex>/}. Unpacking a base image per build cost seconds (the Debian
 * base is 116 MiB) and dominated warm rebuilds. A dir is only ever read (RUN writes go to the
 * overlay's upper dir), it appears complete or not at all (unpacked aside, then renamed), and it is
 * named by its blob's digest: it holds the verified blob's content, or is the very dir the blob was
 * written from ({@link #adopt}). Deleting {@code STORE/unpacked} between builds is always safe
 * (what is missing is unpacked again). Next to each dir, {@code <hex>.files.json} keeps the
 * blob's entry list for the report of a cache hit, so a warm rebuild neither hashes nor gunzips
 * its layers again.
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

    /**
     * Keeps a layer dir the build just wrote (an overlay upper dir, or a COPY's files) as the blob's
     * unpacked dir, with its entry list, so the next build's cache hit needs no unpacking. The dir is
     * what the build's later steps used as their lower dir, so a rebuild sees the same tree. Returns
     * where the dir is now; it stays where it was when it cannot be moved (another file system, or
     * the blob is unpacked already).
     */
    Path adopt(Digest blob, Path layerDir, List<LayerFile> files) throws IOException {
        writeFiles(blob, files);
        Path dir = root.resolve(blob.hex());
        if (Files.isDirectory(dir)) {
            return layerDir;
        }
        try {
            Files.move(layerDir, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            return layerDir;
        }
    }

    /** The entries of the layer blob {@code blob}, listed from the verified blob the first time. */
    List<LayerFile> files(Digest blob) throws IOException, StoreException {
        Path list = root.resolve(blob.hex() + ".files.json");
        if (Files.isRegularFile(list)) {
            try {
                return readFiles(Files.readAllBytes(list));
            } catch (IOException e) {
                // unreadable (e.g. written by another version): list the blob again below
            }
        }
        List<LayerFile> files;
        try (var in = TarFiles.open(store.verifiedBlob(blob))) {
            files = TarFiles.list(in);
        }
        writeFiles(blob, files);
        return files;
    }

    private static List<LayerFile> readFiles(byte[] json) throws IOException {
        Object tree = JsonTrees.parse(json);
        if (!(tree instanceof List<?> entries)) {
            throw new IOException("expected an array");
        }
        List<LayerFile> files = new java.util.ArrayList<>(entries.size());
        for (Object e : entries) {
            java.util.Map<String, Object> o = JsonTrees.object(e, "entry");
            String path = JsonTrees.string(o, "path");
            String kind = JsonTrees.string(o, "kind");
            if (path == null || kind == null) {
                throw new IOException("an entry without path or kind");
            }
            try {
                files.add(new LayerFile(path, JsonTrees.number(o, "size"), LayerFile.Kind.valueOf(kind)));
            } catch (IllegalArgumentException x) {
                throw new IOException("unknown kind " + kind, x);
            }
        }
        return List.copyOf(files);
    }

    private void writeFiles(Digest blob, List<LayerFile> files) throws IOException {
        Files.createDirectories(root);
        Path aside = Files.createTempFile(root, ".files-", ".json");
        try {
            List<Object> tree = new java.util.ArrayList<>(files.size());
            for (LayerFile f : files) {
                tree.add(java.util.Map.of("path", f.path(), "size", f.size(), "kind", f.kind().name()));
            }
            Files.write(aside, JsonTrees.write(tree));
            Files.move(aside, root.resolve(blob.hex() + ".files.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(aside);
        }
    }
}
