package dev.dftools.sim.image;

import java.util.List;

/** An OCI image manifest: one config and the layers, bottom first. */
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers) {
    public Manifest {
        layers = List.copyOf(layers);
    }

    public static Manifest of(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.MANIFEST, config, layers);
    }
}
