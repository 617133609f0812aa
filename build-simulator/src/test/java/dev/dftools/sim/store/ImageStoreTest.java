package dev.dftools.sim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dftools.sim.image.ImageIndex;
import dev.dftools.sim.image.CanonicalJson;
import dev.dftools.sim.image.MediaTypes;
import dev.dftools.sim.layer.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir Path tmp;
    private ImageStore store;
    private Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        store = ImageStore.open(tmp.resolve("store"), Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("bin"));
        Files.writeString(rootfs.resolve("bin/sh"), "#!fake shell\n");
        Files.createSymbolicLink(rootfs.resolve("bin/ls"), Path.of("sh"));
    }

    @Test
    void layerCacheRoundTripsAndMissesWhenTheBlobIsGone() throws Exception {
        assertEquals(null, store.cachedLayer("k1"));
        var blob = store.putBlob("x".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/octet-stream");
        CachedLayer entry = new CachedLayer("2026-01-01T00:00:00Z", blob.blobDigest().toString(),
                blob.blobDigest().toString(), 1, 1);
        store.putCachedLayer("k1", entry);
        store.putCachedLayer("k2", new CachedLayer("2026-01-01T00:00:01Z", null, null, 0, 0));
        assertEquals(entry, ImageStore.open(store.root()).cachedLayer("k1"));
        assertEquals("2026-01-01T00:00:01Z", store.cachedLayer("k2").created());
        store.putCachedLayer("k3", new CachedLayer(null, "sha256:" + "0".repeat(64), "sha256:" + "0".repeat(64), 1, 1));
        assertEquals(null, store.cachedLayer("k3"), "its blob is not in the store");
    }

    @Test
    void defaultRootFollowsXdgCacheHome() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/x/dftools/images"), ImageStore.defaultRoot(Map.of("XDG_CACHE_HOME", "/x"), home));
        assertEquals(Path.of("/home/u/.cache/dftools/images"), ImageStore.defaultRoot(Map.of(), home));
    }

    @Test
    void importDirectoryListAndHistory() throws Exception {
        StoredImage img = store.importRootfs(rootfs, "busybox");
        assertEquals("busybox:latest", img.name());
        assertEquals(3 * 512 + 512 + 1024, img.size()); // headers bin/, bin/ls, bin/sh + one data block + trailer
        assertTrue(Files.exists(store.root().resolve("oci-layout")));
        assertEquals(List.of("busybox:latest"), store.list().stream().map(StoredImage::name).toList().subList(0, 1));
        List<HistoryLine> h = store.history("busybox");
        assertEquals(1, h.size());
        assertEquals("Imported from rootfs", h.get(0).comment());
        assertEquals(img.size(), h.get(0).size());
        assertEquals(img.config().rootfs().diffIds().get(0), h.get(0).diffId());
        // every blob is stored under its digest
        for (Path blob : Files.list(store.root().resolve("blobs/sha256")).toList()) {
            assertEquals(blob.getFileName().toString(), Digest.of(blob).hex());
        }
        // re-importing under the same tag replaces the index entry, and the content is reproducible
        StoredImage again = store.importRootfs(rootfs, "busybox:latest");
        assertEquals(img.manifest().layers(), again.manifest().layers());
        assertEquals(1, store.list().size());
        assertEquals("busybox:latest", CanonicalJson.read(Files.readAllBytes(store.root().resolve("index.json")),
                ImageIndex.class).manifests().get(0).refName());
    }

    @Test
    void importTarKeepsItAsIs() throws Exception {
        store.importRootfs(rootfs, "src");
        Path tar = tmp.resolve("rootfs.tar");
        store.exportDockerArchive("src", tmp.resolve("src.tar"));
        // take the layer tar out of the docker archive and import that file
        Map<String, byte[]> entries = read(tmp.resolve("src.tar"));
        String layerName = entries.keySet().stream().filter(n -> n.endsWith("/layer.tar")).findFirst().orElseThrow();
        Files.write(tar, entries.get(layerName));
        StoredImage fromTar = store.importRootfs(tar, "fromtar");
        assertEquals(Digest.of(tar).toString(), fromTar.config().rootfs().diffIds().get(0));
        assertEquals(Files.size(tar), fromTar.size());
        assertEquals(store.image("src").config().rootfs(), fromTar.config().rootfs());
    }

    @Test
    void corruptBlobIsRefused() throws Exception {
        StoredImage img = store.importRootfs(rootfs, "busybox");
        Path layer = store.blobPath(img.manifest().layers().get(0).blobDigest());
        Files.write(layer, new byte[] {1, 2, 3});
        CorruptBlobException e = assertThrows(CorruptBlobException.class,
                () -> store.exportOci("busybox", tmp.resolve("x.tar")));
        assertTrue(e.getMessage().startsWith("corrupt blob "), e.getMessage());
        Path config = store.blobPath(img.id());
        Files.writeString(config, "{}");
        assertThrows(CorruptBlobException.class, () -> store.image("busybox"));
    }

    @Test
    void unknownImageAndBadNameHaveClearMessages() {
        StoreException e = assertThrows(StoreException.class, () -> store.image("nope"));
        assertTrue(e.getMessage().startsWith("no image named nope:latest"), e.getMessage());
        assertThrows(StoreException.class, () -> store.importRootfs(rootfs, "bad name"));
        assertThrows(StoreException.class, () -> store.importRootfs(tmp.resolve("missing"), "x"));
    }

    @Test
    void exportOciArchiveIsALayout() throws Exception {
        StoredImage img = store.importRootfs(rootfs, "busybox:1.0");
        Path out = tmp.resolve("oci.tar");
        store.exportOci("busybox:1.0", out);
        Map<String, byte[]> e = read(out);
        assertTrue(e.containsKey("oci-layout"));
        assertTrue(e.containsKey("blobs/sha256/" + img.manifestDescriptor().blobDigest().hex()));
        assertTrue(e.containsKey("blobs/sha256/" + img.id().hex()));
        assertTrue(e.containsKey("blobs/sha256/" + img.manifest().layers().get(0).blobDigest().hex()));
        ImageIndex index = CanonicalJson.read(e.get("index.json"), ImageIndex.class);
        assertEquals("busybox:1.0", index.manifests().get(0).refName());
        assertEquals(MediaTypes.MANIFEST, index.manifests().get(0).mediaType());
        for (Map.Entry<String, byte[]> blob : e.entrySet()) {
            if (blob.getKey().startsWith("blobs/sha256/") && !blob.getKey().endsWith("/")) {
                assertEquals(blob.getKey().substring("blobs/sha256/".length()), Digest.of(blob.getValue()).hex());
            }
        }
    }

    @Test
    void exportDockerArchiveHasManifestJsonConfigAndLayerTars() throws Exception {
        StoredImage img = store.importRootfs(rootfs, "busybox");
        Path out = tmp.resolve("docker.tar");
        store.exportDockerArchive("busybox", out);
        Map<String, byte[]> e = read(out);
        JsonNode manifest = new ObjectMapper().readTree(e.get("manifest.json"));
        assertEquals(1, manifest.size());
        String config = manifest.get(0).get("Config").asText();
        assertEquals(img.id().hex() + ".json", config);
        assertEquals("busybox:latest", manifest.get(0).get("RepoTags").get(0).asText());
        String layer = manifest.get(0).get("Layers").get(0).asText();
        String diffId = img.config().rootfs().diffIds().get(0);
        assertEquals(Digest.parse(diffId).hex() + "/layer.tar", layer);
        assertEquals(diffId, Digest.of(e.get(layer)).toString());
        assertEquals(img.id(), Digest.of(e.get(config)));
    }

    private static Map<String, byte[]> read(Path tar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry t; (t = in.getNextEntry()) != null; ) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                entries.put(t.getName(), b.toByteArray());
            }
        }
        return entries;
    }
}
