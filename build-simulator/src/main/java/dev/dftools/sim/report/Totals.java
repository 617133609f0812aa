package dev.dftools.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Whole-image figures.
 *
 * @param imageSize   sum of the layer sizes in bytes
 * @param gzipSize    sum of the gzip sizes, -1 when some are unknown
 * @param wastedBytes sum of the wasted bytes
 * @param efficiency  {@code 1 - wasted/imageSize}, 1 for an empty image
 * @param layers      layers with a filesystem change
 */
@JsonPropertyOrder({"imageSize", "gzipSize", "wastedBytes", "efficiency", "layers"})
public record Totals(long imageSize, long gzipSize, long wastedBytes, double efficiency, int layers) {

    /** Adds the layers up. */
    public static Totals of(java.util.List<LayerReport> layers) {
        long size = 0;
        long gzip = 0;
        long wasted = 0;
        int count = 0;
        for (LayerReport layer : layers) {
            if (layer.emptyLayer()) {
                continue;
            }
            count++;
            size += layer.size();
            wasted += layer.wastedBytes();
            gzip = gzip < 0 || layer.gzipSize() < 0 ? -1 : gzip + layer.gzipSize();
        }
        double efficiency = size == 0 ? 1.0 : 1.0 - (double) wasted / size;
        return new Totals(size, gzip, wasted, efficiency, count);
    }
}
