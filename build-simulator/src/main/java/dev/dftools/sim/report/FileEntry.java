package dev.dftools.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A file in a layer: its path in the image and its size in bytes. */
@JsonPropertyOrder({"path", "size"})
public record FileEntry(String path, long size) {
}
