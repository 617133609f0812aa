package dev.dftools.sim.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One "what to change" item.
 *
 * @param line    the line to change
 * @param rule    the dflint rule that explains it (e.g. DF3009), or null when none applies
 * @param bytes   what the change would save, 0 when unknown
 * @param message what to do, for people
 */
@JsonPropertyOrder({"line", "rule", "bytes", "message"})
public record Advice(int line, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String rule, long bytes,
        String message) {

    /** apt lists left in the image. */
    public static final String APT_LISTS = "DF3009";
    /** A layer much larger than it needs to be. */
    public static final String LAYER_BLOAT = "DF3509";
    /** Files removed in a later layer still ship in the earlier one. */
    public static final String REMOVED_LATER = "DF3510";
    /** An archive copied in and kept after extraction. */
    public static final String ARCHIVE_KEPT = "DF3512";
}
