package dev.dftools.sim.store;

import dev.dftools.sim.image.CanonicalJson;
import dev.dftools.sim.image.ContainerConfig;
import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.HistoryEntry;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.image.ImageIndex;
import dev.dftools.sim.image.JsonTrees;
import dev.dftools.sim.image.Manifest;
import dev.dftools.sim.image.MediaTypes;
import dev.dftools.sim.image.RootFs;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.DirectoryLayer;
import dev.dftools.sim.layer.LayerDescriptor;
import dev.dftools.sim.layer.LayerException;
import dev.dftools.sim.layer.LayerSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A local OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/<hex>}).
 * Blobs are content-addressed and checked against their digest whenever they are read; tags are
 * the {@code org.opencontainers.image.ref.name} annotations of index.json.
 */
public final class ImageStore {
    /** Annotation on layer descriptors: the uncompressed tar size, which history and images show. */
    public static final String UNCOMPRESSED_SIZE = "dev.dftools.sim.layer.size";
    private static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private final Path root;
    private final Clock clock;

    private ImageStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** {@code $XDG_CACHE_HOME/dftools/images}, else {@code ~/.cache/dftools/images}. */
    public static Path defaultRoot(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return cache.resolve("dftools").resolve("images");
    }

    /** The store at the default location (created when missing). */
    public static ImageStore openDefault() throws StoreException {
        return open(defaultRoot(System.getenv(), Path.of(System.getProperty("user.home"))));
    }

    public static ImageStore open(Path root) throws StoreException {
        return open(root, Clock.systemUTC());
    }

    /** Opens (creating when missing) the layout at {@code root}; the clock stamps imports. */
    public static ImageStore open(Path root, Clock clock) throws StoreException {
        ImageStore store = new ImageStore(root, clock);
        try {
            Files.createDirectories(store.blobDir());
            if (!Files.exists(root.resolve("oci-layout"))) {
                store.writeAtomically(root.resolve("oci-layout"), OCI_LAYOUT);
            }
            if (!Files.exists(root.resolve("index.json"))) {
                store.writeIndex(ImageIndex.of(List.of()));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create image store " + root + ": " + e.getMessage(), e);
        }
        return store;
    }

    public Path root() {
        return root;
    }

    // ---- blobs

    public Descriptor putBlob(byte[] content, String mediaType) throws StoreException {
        Digest d = Digest.of(content);
        Path target = blobPath(d);
        try {
            if (!Files.exists(target)) {
                writeAtomically(target, content);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write blob " + target + ": " + e.getMessage(), e);
        }
        return Descriptor.of(mediaType, d, content.length);
    }

    /**
     * Moves a gzip layer blob written by {@link LayerSink} into the store. Its digest is the one
     * LayerSink computed from the very bytes it wrote (hashing the file again cost a second pass
     * over every layer at build time); a blob of another size is refused.
     */
    public Descriptor putLayer(Path gzipBlob, LayerDescriptor layer) throws StoreException {
        Path target = blobPath(layer.digest());
        try {
            long size = Files.size(gzipBlob);
            if (size != layer.compressedSize()) {
                throw new StoreException("layer " + gzipBlob + " has " + size + " bytes, not the "
                        + layer.compressedSize() + " written");
            }
            if (!Files.exists(target)) {
                move(gzipBlob, target);
            }
        } catch (IOException e) {
            throw new StoreException("cannot store layer " + gzipBlob + ": " + e.getMessage(), e);
        }
        return Descriptor.of(MediaTypes.LAYER_GZIP, layer.digest(), layer.compressedSize())
                .withAnnotations(Map.of(UNCOMPRESSED_SIZE, Long.toString(layer.size())));
    }

    // ---- layer cache: key (hex sha256) -> layer, in one small JSON file beside index.json

    private static final String LAYER_CACHE = "dfsim-layer-cache.json";

    /** The cached layer for {@code key}, or null when there is none or its blob is gone from the store. */
    public synchronized @Nullable CachedLayer cachedLayer(String key) throws StoreException {
        CachedLayer c = readCache().get(key);
        if (c == null || c.digest() != null && !Files.isRegularFile(blobPath(Digest.parse(c.digest())))) {
            return null;
        }
        return c;
    }

    /** Records {@code key -> layer}; the file is replaced atomically. */
    public synchronized void putCachedLayer(String key, CachedLayer layer) throws StoreException {
        Map<String, CachedLayer> cache = new java.util.TreeMap<>(readCache());
        cache.put(key, layer);
        try {
            Map<String, Object> tree = new java.util.TreeMap<>();
            cache.forEach((k, c) -> {
                Map<String, Object> o = new java.util.TreeMap<>();
                JsonTrees.put(o, "created", c.created());
                JsonTrees.put(o, "digest", c.digest());
                JsonTrees.put(o, "diffId", c.diffId());
                o.put("size", c.size());
                o.put("compressedSize", c.compressedSize());
                tree.put(k, o);
            });
            writeAtomically(root.resolve(LAYER_CACHE), JsonTrees.write(tree, true));
        } catch (IOException e) {
            throw new StoreException("cannot write the layer cache: " + e.getMessage(), e);
        }
    }

    private Map<String, CachedLayer> readCache() throws StoreException {
        Path p = root.resolve(LAYER_CACHE);
        if (!Files.isRegularFile(p)) {
            return Map.of();
        }
        try {
            Map<String, CachedLayer> cache = new java.util.TreeMap<>();
            for (Map.Entry<String, Object> e : JsonTrees.object(JsonTrees.parse(Files.readAllBytes(p)), "cache")
                    .entrySet()) {
                Map<String, Object> o = JsonTrees.object(e.getValue(), e.getKey());
                cache.put(e.getKey(), new CachedLayer(JsonTrees.string(o, "created"), JsonTrees.string(o, "digest"),
                        JsonTrees.string(o, "diffId"), JsonTrees.number(o, "size"),
                        JsonTrees.number(o, "compressedSize")));
            }
            return cache;
        } catch (IOException e) {
            throw new StoreException("cannot read the layer cache " + p + " (delete it to start afresh): "
                    + e.getMessage(), e);
        }
    }

    // ---- COPY input fingerprints (dev.dftools.sim.build.CopyFingerprint): fingerprint -> input digest

    private static final String COPY_INPUTS = "dfsim-copy-inputs.json";

    /** The input digest recorded for a COPY's stat fingerprint, or null. */
    public synchronized @Nullable String copyInputs(String fingerprint) throws StoreException {
        return readCopyInputs().get(fingerprint);
    }

    /** Records {@code fingerprint -> inputs}; the file is replaced atomically. */
    public synchronized void putCopyInputs(String fingerprint, String inputs) throws StoreException {
        Map<String, String> all = new java.util.TreeMap<>(readCopyInputs());
        if (inputs.equals(all.put(fingerprint, inputs))) {
            return;
        }
        try {
            writeAtomically(root.resolve(COPY_INPUTS), JsonTrees.write(all, true));
        } catch (IOException e) {
            throw new StoreException("cannot write " + root.resolve(COPY_INPUTS) + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> readCopyInputs() throws StoreException {
        Path p = root.resolve(COPY_INPUTS);
        if (!Files.isRegularFile(p)) {
            return Map.of();
        }
        try {
            return JsonTrees.stringMap(Map.of("inputs", JsonTrees.parse(Files.readAllBytes(p))), "inputs");
        } catch (IOException e) {
            throw new StoreException("cannot read " + p + " (delete it to start afresh): " + e.getMessage(), e);
        }
    }

    /** The blob's bytes, refused with {@link CorruptBlobException} when they do not match the digest. */
    public byte[] readBlob(Digest digest) throws StoreException {
        Path p = existingBlob(digest);
        try {
            byte[] bytes = Files.readAllBytes(p);
            Digest actual = Digest.of(bytes);
            if (!actual.equals(digest)) {
                throw new CorruptBlobException(digest, actual, p);
            }
            return bytes;
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + p + ": " + e.getMessage(), e);
        }
    }

    /** The path of a blob whose content was just checked against its digest (for large layers). */
    public Path verifiedBlob(Digest digest) throws StoreException {
        Path p = existingBlob(digest);
        try {
            Digest actual = Digest.of(p);
            if (!actual.equals(digest)) {
                throw new CorruptBlobException(digest, actual, p);
            }
            return p;
        } catch (IOException e) {
            throw new StoreException("cannot read blob " + p + ": " + e.getMessage(), e);
        }
    }

    Path blobPath(Digest digest) {
        return blobDir().resolve(digest.hex());
    }

    private Path existingBlob(Digest digest) throws StoreException {
        Path p = blobPath(digest);
        if (!Files.isRegularFile(p)) {
            throw new StoreException("blob " + digest + " is missing from " + root);
        }
        return p;
    }

    private Path blobDir() {
        return root.resolve("blobs").resolve("sha256");
    }

    // ---- images

    /** Stores config and manifest for layers already in the store and points {@code name} at them. */
    public StoredImage commit(String name, ImageConfig config, List<Descriptor> layers) throws StoreException {
        String ref = ImageNames.normalize(name);
        Descriptor configDesc = putBlob(config.toJson(), MediaTypes.CONFIG);
        Manifest manifest = Manifest.of(configDesc, layers);
        Descriptor manifestDesc = putBlob(CanonicalJson.bytes(manifest), MediaTypes.MANIFEST)
                .withAnnotations(Map.of(MediaTypes.REF_NAME, ref));
        pointName(ref, manifestDesc);
        return new StoredImage(ref, manifestDesc, manifest, config);
    }

    // index.json: replace the entry named ref (a name points at one manifest)
    private synchronized void pointName(String ref, Descriptor manifestDesc) throws StoreException {
        List<Descriptor> manifests = new ArrayList<>();
        List<Descriptor> current = readIndex().manifests();
        if (current.contains(manifestDesc)) {
            return; // a rebuild that changed nothing: index.json stays as it is
        }
        for (Descriptor d : current) {
            if (!ref.equals(d.refName())) {
                manifests.add(d);
            }
        }
        manifests.add(manifestDesc);
        try {
            writeIndex(ImageIndex.of(manifests));
        } catch (IOException e) {
            throw new StoreException("cannot update " + root.resolve("index.json") + ": " + e.getMessage(), e);
        }
    }

    // ---- for pulls (dev.dftools.sim.registry): blobs streamed in by the caller, manifests kept byte for byte

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    /** A new empty temp file inside the store (same file system as the blobs, so adopting it is a rename). */
    public Path newTempFile() throws StoreException {
        try {
            return Files.createTempFile(blobDir(), "pull-", ".tmp");
        } catch (IOException e) {
            throw new StoreException("cannot create a temp file in " + blobDir() + ": " + e.getMessage(), e);
        }
    }

    /** Moves {@code file}, whose sha256 the caller checked while writing it, into the store as {@code digest}. */
    public void adoptBlob(Path file, Digest digest) throws StoreException {
        try {
            if (hasBlob(digest)) {
                Files.deleteIfExists(file);
            } else {
                move(file, blobPath(digest));
            }
        } catch (IOException e) {
            throw new StoreException("cannot store blob " + digest + ": " + e.getMessage(), e);
        }
    }

    /**
     * Points {@code name} at a manifest whose bytes (and its config and layers) are already in the
     * store; the image is loaded, so a name never points at a half-stored image.
     */
    public StoredImage tag(String name, Descriptor manifestDescriptor) throws StoreException {
        String ref = ImageNames.normalize(name);
        Descriptor named = manifestDescriptor.withAnnotations(Map.of(MediaTypes.REF_NAME, ref));
        StoredImage image = load(ref, named);
        for (Descriptor layer : image.manifest().layers()) {
            existingBlob(layer.blobDigest());
        }
        pointName(ref, named);
        return image;
    }

    /** The image tagged {@code name} ({@code :latest} when no tag is given). */
    public StoredImage image(String name) throws StoreException {
        String ref = ImageNames.normalize(name);
        for (Descriptor d : readIndex().manifests()) {
            if (ref.equals(d.refName())) {
                return load(ref, d);
            }
        }
        throw new StoreException("no image named " + ref + " in " + root + " (see dfsim images)");
    }

    /** Every tagged image, in index order. */
    public List<StoredImage> list() throws StoreException {
        List<StoredImage> images = new ArrayList<>();
        for (Descriptor d : readIndex().manifests()) {
            String ref = d.refName();
            if (ref != null) {
                images.add(load(ref, d));
            }
        }
        return images;
    }

    /** The image's history, oldest first, each line with its layer's diffId and size. */
    public List<HistoryLine> history(String name) throws StoreException {
        StoredImage image = image(name);
        List<String> diffIds = image.config().rootfs().diffIds();
        List<Descriptor> layers = image.manifest().layers();
        List<HistoryLine> lines = new ArrayList<>();
        int layer = 0;
        for (HistoryEntry h : image.config().history()) {
            String by = h.createdBy() == null ? "" : h.createdBy();
            if (h.emptyLayer() || layer >= diffIds.size()) {
                lines.add(new HistoryLine(h.created(), by, h.comment(), true, null, 0));
            } else {
                long size = layer < layers.size() ? uncompressedSize(layers.get(layer)) : 0;
                lines.add(new HistoryLine(h.created(), by, h.comment(), false, diffIds.get(layer), size));
                layer++;
            }
        }
        return lines;
    }

    /**
     * Like {@code docker import}: a single-layer image from a rootfs tar (plain or gzipped, kept
     * as it is) or a directory (written as a reproducible layer tar).
     */
    public StoredImage importRootfs(Path tarOrDir, String name) throws StoreException {
        ImageNames.normalize(name);
        if (!Files.exists(tarOrDir)) {
            throw new StoreException("no such rootfs: " + tarOrDir);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(blobDir(), "import-", ".tmp");
            LayerDescriptor layer = Files.isDirectory(tarOrDir)
                    ? LayerSink.write(DirectoryLayer.plain(tarOrDir), tmp, null)
                    : LayerSink.copy(tarOrDir, tmp);
            Descriptor layerDesc = putLayer(tmp, layer);
            String created = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
            // docker import: one layer, one history line saying where it came from
            ImageConfig config = new ImageConfig(created, goArch(), "linux", ContainerConfig.EMPTY,
                    RootFs.layers(List.of(layer.diffId().toString())),
                    List.of(new HistoryEntry(created, null, "Imported from " + tarOrDir.getFileName(), false)));
            return commit(name, config, List.of(layerDesc));
        } catch (LayerException | IOException e) {
            throw new StoreException("cannot import " + tarOrDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    // ---- export

    /** Writes {@code name} as an OCI archive: a tar of an image layout holding just this image. */
    public void exportOci(String name, Path out) throws StoreException {
        StoredImage image = image(name);
        try (ArchiveWriter w = new ArchiveWriter(out)) {
            w.file("oci-layout", OCI_LAYOUT);
            w.file("index.json", CanonicalJson.bytes(ImageIndex.of(List.of(image.manifestDescriptor()))));
            w.dir("blobs/");
            w.dir("blobs/sha256/");
            w.file("blobs/sha256/" + image.manifestDescriptor().blobDigest().hex(),
                    readBlob(image.manifestDescriptor().blobDigest()));
            w.file("blobs/sha256/" + image.id().hex(), readBlob(image.id()));
            for (Descriptor layer : image.manifest().layers()) {
                w.file("blobs/sha256/" + layer.blobDigest().hex(), verifiedBlob(layer.blobDigest()));
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code name} as a docker-archive ({@code docker save} layout: manifest.json, the
     * config as {@code <id>.json}, layers uncompressed as {@code <diffId>/layer.tar}).
     */
    public void exportDockerArchive(String name, Path out) throws StoreException {
        StoredImage image = image(name);
        List<String> diffIds = image.config().rootfs().diffIds();
        List<Descriptor> layers = image.manifest().layers();
        if (diffIds.size() != layers.size()) {
            throw new StoreException(image.name() + ": config has " + diffIds.size() + " diff_ids but the manifest "
                    + layers.size() + " layers");
        }
        List<String> layerPaths = new ArrayList<>();
        for (String diffId : diffIds) {
            layerPaths.add(Digest.parse(diffId).hex() + "/layer.tar");
        }
        String configName = image.id().hex() + ".json";
        String manifestJson = "[" + new String(CanonicalJson.bytes(new DockerManifest(configName,
                List.of(image.name()), layerPaths)), StandardCharsets.UTF_8) + "]";
        Path tmp = null;
        try (ArchiveWriter w = new ArchiveWriter(out)) {
            w.file(configName, readBlob(image.id()));
            for (int i = 0; i < layers.size(); i++) {
                tmp = Files.createTempFile(blobDir(), "export-", ".tar");
                gunzipVerified(verifiedBlob(layers.get(i).blobDigest()), Digest.parse(diffIds.get(i)), tmp);
                w.dir(Digest.parse(diffIds.get(i)).hex() + "/");
                w.file(layerPaths.get(i), tmp);
                deleteQuietly(tmp);
                tmp = null;
            }
            w.file("manifest.json", manifestJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StoreException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The entry of a docker-archive's manifest.json. */
    record DockerManifest(@com.fasterxml.jackson.annotation.JsonProperty("Config") String config,
            @com.fasterxml.jackson.annotation.JsonProperty("RepoTags") List<String> repoTags,
            @com.fasterxml.jackson.annotation.JsonProperty("Layers") List<String> layers) {}

    static long uncompressedSize(Descriptor layer) {
        Map<String, String> a = layer.annotations();
        String s = a == null ? null : a.get(UNCOMPRESSED_SIZE);
        return s == null ? layer.size() : Long.parseLong(s);
    }

    // ---- internals

    private StoredImage load(String ref, Descriptor manifestDesc) throws StoreException {
        try {
            Manifest m = CanonicalJson.read(readBlob(manifestDesc.blobDigest()), Manifest.class);
            ImageConfig c = CanonicalJson.read(readBlob(m.config().blobDigest()), ImageConfig.class);
            return new StoredImage(ref, manifestDesc, m, c);
        } catch (IOException e) {
            throw new StoreException("unreadable image " + ref + " in " + root + ": " + e.getMessage(), e);
        }
    }

    private ImageIndex readIndex() throws StoreException {
        Path p = root.resolve("index.json");
        try {
            return CanonicalJson.read(Files.readAllBytes(p), ImageIndex.class);
        } catch (IOException e) {
            throw new StoreException("unreadable " + p + ": " + e.getMessage(), e);
        }
    }

    private void writeIndex(ImageIndex index) throws IOException {
        writeAtomically(root.resolve("index.json"), CanonicalJson.bytes(index));
    }

    // readers never see a half-written file: write beside it, then rename
    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", "");
        try {
            Files.write(tmp, content);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void gunzipVerified(Path gz, Digest diffId, Path out) throws IOException, StoreException {
        MessageDigest sha = Digest.sha256();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
                OutputStream o = new DigestOutputStream(Files.newOutputStream(out), sha)) {
            in.transferTo(o);
        }
        Digest actual = Digest.of(sha);
        if (!actual.equals(diffId)) {
            throw new CorruptBlobException(diffId, actual, gz);
        }
    }

    private static void deleteQuietly(@Nullable Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temp file in the store is harmless; the next gc removes it
            }
        }
    }

    private static String goArch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "s390x", "ppc64le", "riscv64" -> arch;
            default -> arch;
        };
    }

}
