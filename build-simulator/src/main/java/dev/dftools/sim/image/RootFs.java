package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code rootfs}: the diffIds (sha256 of the uncompressed layer tars), bottom first. */
public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {
    public RootFs {
        diffIds = List.copyOf(diffIds);
    }

    public static RootFs layers(List<String> diffIds) {
        return new RootFs("layers", diffIds);
    }
}
