package dev.dftools.sim.layer;

/** One entry of a layer as the report shows it: path without trailing slash, data size, kind. */
public record LayerFile(String path, long size, Kind kind) {
    public enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE, FIFO, WHITEOUT, OPAQUE }
}
