package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dftools.sim.layer.Digest;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/** An OCI content descriptor. {@code digest} is {@code sha256:<hex>}. */
public record Descriptor(String mediaType, String digest, long size,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable Map<String, String> annotations) {

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest.toString(), size, null);
    }

    public Digest blobDigest() {
        return Digest.parse(digest);
    }

    public Descriptor withAnnotations(Map<String, String> extra) {
        return new Descriptor(mediaType, digest, size, Map.copyOf(extra));
    }

    public @Nullable String refName() {
        return annotations == null ? null : annotations.get(MediaTypes.REF_NAME);
    }
}
