package dev.dftools.sim.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.sim.image.CanonicalJson;
import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.image.Manifest;
import dev.dftools.sim.image.MediaTypes;
import dev.dftools.sim.layer.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store hooks pulls use: adopting checked blobs, and naming a manifest kept byte for byte. */
class ImageStorePullHooksTest {
    @TempDir
    Path tmp;

    @Test
    void tagPointsANameAtManifestBytesAsTheyAreAndRefusesMissingLayers() throws Exception {
        ImageStore store = ImageStore.open(tmp.resolve("s"));
        byte[] layer = "not really a tar".getBytes(StandardCharsets.UTF_8);
        Path tmpFile = store.newTempFile();
        Files.write(tmpFile, layer);
        Digest layerDigest = Digest.of(layer);
        Descriptor config = store.putBlob(ImageConfig.empty("amd64", "linux").toJson(), MediaTypes.CONFIG);
        Descriptor layerDesc = Descriptor.of(MediaTypes.LAYER_GZIP, layerDigest, layer.length);
        // pretty-printed, as other tools write it: the digest must be of these bytes, not a re-serialization
        byte[] manifest = ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + MediaTypes.MANIFEST + "\",\n  \"config\": "
                + new String(CanonicalJson.bytes(config), StandardCharsets.UTF_8) + ",\n  \"layers\": ["
                + new String(CanonicalJson.bytes(layerDesc), StandardCharsets.UTF_8) + "]\n}\n")
                .getBytes(StandardCharsets.UTF_8);
        Descriptor stored = store.putBlob(manifest, MediaTypes.MANIFEST);

        StoreException missing = assertThrows(StoreException.class, () -> store.tag("reg.example/a:1", stored));
        assertTrue(missing.getMessage().contains("blob " + layerDigest + " is missing"), missing.getMessage());
        assertTrue(store.list().isEmpty(), "no name for an image whose layer is not there");

        store.adoptBlob(tmpFile, layerDigest);
        assertFalse(Files.exists(tmpFile));
        assertTrue(store.hasBlob(layerDigest));
        StoredImage image = store.tag("reg.example/a:1", stored);
        assertEquals(Digest.of(manifest), image.manifestDescriptor().blobDigest());
        assertArrayEquals(manifest, store.readBlob(image.manifestDescriptor().blobDigest()));
        assertEquals(List.of(layerDesc), store.image("reg.example/a:1").manifest().layers());
        assertEquals(Manifest.of(config, List.of(layerDesc)).layers(), image.manifest().layers());

        // a second name for the same manifest, then re-pointing the first one replaces its entry
        store.tag("reg.example/a:latest", stored);
        store.tag("reg.example/a:1", stored);
        assertEquals(2, store.list().size());
    }
}
