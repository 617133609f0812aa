package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One history line. Like Docker, a metadata-only instruction gets {@code empty_layer: true} and no
 * layer in {@code rootfs.diff_ids}; {@code empty_layer} is left out when false.
 */
public record HistoryEntry(@Nullable String created, @JsonProperty("created_by") @Nullable String createdBy,
        @Nullable String comment,
        @JsonProperty("empty_layer") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean emptyLayer) {

    public static HistoryEntry layer(@Nullable String created, String createdBy) {
        return new HistoryEntry(created, createdBy, null, false);
    }

    public static HistoryEntry empty(@Nullable String created, String createdBy) {
        return new HistoryEntry(created, createdBy, null, true);
    }
}
