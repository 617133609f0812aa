package dev.dftools.sim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dftools.sim.image.CanonicalJson;
import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pulls an image into the {@link ImageStore}: the manifest (from an index or manifest list, the one
 * for the wanted platform), its config and layers. Blobs already in the store are not fetched again.
 * Every blob is downloaded to a temp file and checked against its digest first, and every fetched
 * layer's uncompressed tar against its diffId in the config; only when all of
 * them are good are they moved into the store and the name pointed at the manifest, so a failed
 * pull leaves nothing behind. The manifest is stored byte for byte, so its digest is the registry's.
 */
public final class Puller {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient client;
    private final ImageStore store;
    private final Consumer<String> progress;

    public Puller(RegistryClient client, ImageStore store, Consumer<String> progress) {
        this.client = client;
        this.store = store;
        this.progress = progress;
    }

    /** Pulls {@code ref} for {@code platform} and names it {@code ref.toString()} in the store. */
    public StoredImage pull(ImageRef ref, Platform platform) throws RegistryException, StoreException {
        progress.accept("pulling " + ref + " (" + platform + ")");
        RegistryClient.FetchedManifest top = client.manifest(ref);
        RegistryClient.FetchedManifest manifest = top;
        if (MediaType.isIndex(top.mediaType())) {
            Digest chosen = select(ref, top, platform);
            manifest = client.manifest(ref.withDigest(chosen));
            if (MediaType.isIndex(manifest.mediaType())) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": the index entry for " + platform
                        + " is another index; nested indexes are not supported");
            }
        }
        checkManifestType(ref, manifest.mediaType());
        JsonNode doc = readJson(ref, manifest.bytes());
        List<Blob> blobs = new ArrayList<>();
        blobs.add(blob(ref, doc.path("config"), "config"));
        for (JsonNode layer : doc.path("layers")) {
            Blob b = blob(ref, layer, "layer");
            if (!MediaType.UNPACKABLE_LAYERS.contains(b.mediaType)) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": layer " + b.digest
                        + " has media type " + b.mediaType + ", which dfsim cannot unpack (only tar and tar+gzip)");
            }
            blobs.add(b);
        }
        Map<Digest, Path> fetched = new LinkedHashMap<>();
        try {
            for (Blob b : blobs) {
                if (store.hasBlob(b.digest) || fetched.containsKey(b.digest)) {
                    continue;
                }
                progress.accept("  fetching " + b.kind + " " + b.digest.toString().substring(0, 19) + " ("
                        + b.size + " bytes)");
                Path tmp = store.newTempFile();
                fetched.put(b.digest, tmp);
                client.downloadBlob(ref, b.digest, b.size, tmp);
            }
            ImageConfig config = readConfig(ref, blobs.get(0).digest, fetched.get(blobs.get(0).digest));
            if (config.rootfs().diffIds().size() != blobs.size() - 1) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": the config lists "
                        + config.rootfs().diffIds().size() + " layers but the manifest " + (blobs.size() - 1));
            }
            for (int i = 1; i < blobs.size(); i++) {
                Path layer = fetched.get(blobs.get(i).digest);
                if (layer != null) {
                    checkDiffId(ref, blobs.get(i).digest, layer, config.rootfs().diffIds().get(i - 1));
                }
            }
            if (!platform.matches(config.os(), config.architecture(), null)) {
                progress.accept("  warning: " + ref + " is " + config.os() + "/" + config.architecture()
                        + ", not " + platform);
            }
            for (Map.Entry<Digest, Path> e : fetched.entrySet()) {
                store.adoptBlob(e.getValue(), e.getKey());
            }
            fetched.clear();
            Descriptor stored = store.putBlob(manifest.bytes(), manifest.mediaType());
            StoredImage image = store.tag(ref.toString(), stored);
            progress.accept("  stored " + image.name() + " (" + stored.blobDigest() + ")");
            return image;
        } finally {
            for (Path tmp : fetched.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a leftover temp file in the store is harmless
                }
            }
        }
    }

    /** The digest of the index entry for {@code platform}; the error lists the platforms there are. */
    static Digest select(ImageRef ref, RegistryClient.FetchedManifest index, Platform platform)
            throws RegistryException {
        JsonNode doc = readJson(ref, index.bytes());
        List<String> available = new ArrayList<>();
        for (JsonNode m : doc.path("manifests")) {
            JsonNode p = m.path("platform");
            String os = p.path("os").asText(null);
            String arch = p.path("architecture").asText(null);
            String variant = p.path("variant").asText(null);
            if (os == null || arch == null || os.equals("unknown")) {
                continue; // attestation manifests and the like
            }
            if (platform.matches(os, arch, variant)) {
                return parseDigest(ref, m.path("digest").asText(""));
            }
            available.add(os + "/" + arch + (variant != null ? "/" + variant : ""));
        }
        throw new RegistryException(RegistryException.Kind.PROTOCOL, "no image for platform " + platform + " in "
                + ref + "; available: " + (available.isEmpty() ? "none" : String.join(", ", available)));
    }

    private static void checkManifestType(ImageRef ref, String type) throws RegistryException {
        if (type.equals(MediaType.DOCKER_SCHEMA1) || type.equals(MediaType.DOCKER_SCHEMA1_SIGNED)) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref
                    + " is a Docker schema 1 manifest, which dfsim does not support (push it again with a current tool)");
        }
        if (!type.equals(MediaType.OCI_MANIFEST) && !type.equals(MediaType.DOCKER_MANIFEST)) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + " has manifest type " + type
                    + ", which is not an image manifest");
        }
    }

    /** The config names each layer by the sha256 of its uncompressed tar: a layer must unpack to that. */
    private static void checkDiffId(ImageRef ref, Digest blob, Path layer, String diffId) throws RegistryException {
        MessageDigest sha = Digest.sha256();
        try (InputStream in = TarFiles.open(layer)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": layer " + blob
                    + " is not a readable tar or tar+gzip: " + e.getMessage(), e);
        }
        Digest actual = Digest.of(sha);
        if (!actual.toString().equals(diffId)) {
            throw new RegistryException(RegistryException.Kind.DIGEST_MISMATCH, "digest mismatch: layer " + blob
                    + " of " + ref.name() + " unpacks to " + actual + " but the image config says " + diffId
                    + "; nothing was stored");
        }
    }

    private ImageConfig readConfig(ImageRef ref, Digest digest, Path fetched) throws RegistryException, StoreException {
        try {
            byte[] bytes = fetched != null ? Files.readAllBytes(fetched) : store.readBlob(digest);
            return CanonicalJson.read(bytes, ImageConfig.class);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": unreadable image config "
                    + digest + ": " + e.getMessage(), e);
        }
    }

    private record Blob(String kind, Digest digest, long size, String mediaType) {}

    private static Blob blob(ImageRef ref, JsonNode d, String kind) throws RegistryException {
        if (!d.isObject()) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": manifest without a " + kind);
        }
        return new Blob(kind, parseDigest(ref, d.path("digest").asText("")), d.path("size").asLong(-1),
                d.path("mediaType").asText(""));
    }

    private static Digest parseDigest(ImageRef ref, String text) throws RegistryException {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(ImageRef ref, byte[] bytes) throws RegistryException {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, ref + ": the manifest is not JSON: "
                    + e.getMessage(), e);
        }
    }
}
