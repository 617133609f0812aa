package dev.dftools.sim.image;

import java.util.List;

/** An OCI image index; the {@code index.json} of a layout. */
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests) {
    public ImageIndex {
        manifests = List.copyOf(manifests);
    }

    public static ImageIndex of(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.INDEX, manifests);
    }
}
