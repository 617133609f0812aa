package dev.dftools.sim.store;

import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.image.Manifest;
import dev.dftools.sim.layer.Digest;

/** An image in the store: its tag, manifest (and its descriptor) and config. */
public record StoredImage(String name, Descriptor manifestDescriptor, Manifest manifest, ImageConfig config) {
    /** The image ID: the config digest, as docker and podman show it. */
    public Digest id() {
        return manifest.config().blobDigest();
    }

    /** Uncompressed size: the sum of the layer tars (what {@code docker images} shows). */
    public long size() {
        return manifest.layers().stream().mapToLong(ImageStore::uncompressedSize).sum();
    }
}
