package dev.dftools.sim.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One step of the build as it ends up in the image.
 *
 * @param step         0-based step index in build order
 * @param stage        the stage's name, or its index when it has none
 * @param line         1-based line of the instruction
 * @param instruction  the instruction with variables expanded
 * @param createdBy    the history {@code created_by}
 * @param emptyLayer   true for metadata-only steps (no filesystem change)
 * @param status       executed, estimated or not-executed
 * @param size         uncompressed layer tar size in bytes (what {@code docker history} shows)
 * @param gzipSize     gzip-compressed size in bytes (what a registry stores); -1 when unknown
 * @param filesAdded   files new in this layer
 * @param filesChanged files that replace one from a lower layer
 * @param filesRemoved whiteouts
 * @param wastedBytes  bytes of this layer deleted or overwritten by a later layer
 * @param largestFiles the largest files, biggest first
 */
@JsonPropertyOrder({"step", "stage", "line", "instruction", "createdBy", "emptyLayer", "status", "size", "gzipSize",
    "filesAdded", "filesChanged", "filesRemoved", "wastedBytes", "largestFiles"})
public record LayerReport(int step, String stage, int line, String instruction, String createdBy, boolean emptyLayer,
        LayerStatus status, long size, long gzipSize, int filesAdded, int filesChanged, int filesRemoved,
        long wastedBytes, List<FileEntry> largestFiles) {

    public LayerReport {
        largestFiles = List.copyOf(largestFiles);
    }
}
