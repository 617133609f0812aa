package dev.dftools.sim.layer;

import java.util.List;

/**
 * A written layer: {@code diffId} and {@code size} describe the uncompressed tar (what
 * {@code docker history} shows), {@code digest} and {@code compressedSize} the gzip blob a
 * registry stores.
 */
public record LayerDescriptor(Digest diffId, long size, Digest digest, long compressedSize, List<LayerFile> files) {
    public LayerDescriptor {
        files = List.copyOf(files);
    }
}
