package dev.dftools.sim.registry;

import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pushes an image of the {@link ImageStore} to a registry: config and layers (each checked against
 * its digest before it leaves, skipped when the repository has it), then the manifest byte for byte,
 * so the pushed digest is the store's.
 */
public final class Pusher {
    private final RegistryClient client;
    private final ImageStore store;
    private final Consumer<String> progress;

    public Pusher(RegistryClient client, ImageStore store, Consumer<String> progress) {
        this.client = client;
        this.store = store;
        this.progress = progress;
    }

    /** Pushes the stored image {@code name} as {@code target}; returns the manifest digest. */
    public Digest push(String name, ImageRef target) throws RegistryException, StoreException {
        StoredImage image = store.image(name);
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(image.manifest().config());
        blobs.addAll(image.manifest().layers());
        for (Descriptor d : blobs) {
            Path file = store.verifiedBlob(d.blobDigest());
            progress.accept("  pushing " + d.digest().substring(0, 19) + " (" + d.size() + " bytes)");
            client.uploadBlob(target, d.blobDigest(), () -> {
                try {
                    return HttpRequest.BodyPublishers.ofFile(file);
                } catch (FileNotFoundException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Descriptor manifest = image.manifestDescriptor();
        byte[] bytes = store.readBlob(manifest.blobDigest());
        if (target.digest() != null && !target.digest().equals(manifest.blobDigest())) {
            throw new RegistryException(RegistryException.Kind.BAD_REFERENCE, "cannot push " + image.name() + " as "
                    + target + ": its manifest digest is " + manifest.blobDigest());
        }
        Digest pushed = client.putManifest(target, target.reference(), bytes, manifest.mediaType());
        progress.accept("  pushed " + target + " (" + pushed + ")");
        return pushed;
    }
}
