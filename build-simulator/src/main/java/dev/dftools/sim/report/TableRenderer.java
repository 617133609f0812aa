package dev.dftools.sim.report;

import java.util.Locale;

/** The report as a plain-text table for people (no colour, fixed columns). */
public final class TableRenderer {

    private static final int INSTRUCTION_WIDTH = 48;

    private TableRenderer() {
    }

    public static String render(BuildReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (target %s, %s)%n", report.dockerfile(), report.target(),
                report.mode()));
        sb.append(String.format(Locale.ROOT, "%5s  %-" + INSTRUCTION_WIDTH + "s %10s %10s %7s %10s %6s  %s%n",
                "LINE", "INSTRUCTION", "SIZE", "GZIP", "FILES", "WASTED", "EFF", "STATUS"));
        for (LayerReport layer : report.layers()) {
            boolean measured = layer.status() != LayerStatus.NOT_EXECUTED;
            String size = layer.emptyLayer() ? "-" : measured ? bytes(layer.size()) : "?";
            String gzip = layer.emptyLayer() || layer.gzipSize() < 0 ? "-" : bytes(layer.gzipSize());
            String files = layer.emptyLayer() || !measured ? "-"
                    : Integer.toString(layer.filesAdded() + layer.filesChanged() + layer.filesRemoved());
            String wasted = layer.wastedBytes() > 0 ? bytes(layer.wastedBytes()) : "-";
            // per layer, the share of its bytes that still matter in the final image (dive's efficiency)
            String efficiency = layer.emptyLayer() || !measured || layer.size() == 0 ? "-"
                    : layer.wastedBytes() == 0 ? "100%"
                    : String.format(Locale.ROOT, "%.1f%%", 100.0 * (1 - (double) layer.wastedBytes() / layer.size()));
            sb.append(String.format(Locale.ROOT, "%5d  %-" + INSTRUCTION_WIDTH + "s %10s %10s %7s %10s %6s  %s%n",
                    layer.line(), shorten(layer.instruction()), size, gzip, files, wasted, efficiency,
                    layer.emptyLayer() ? "metadata" : layer.status().json()));
        }
        var t = report.totals();
        sb.append(String.format(Locale.ROOT, "Image size %s%s, wasted %s, efficiency %.1f%%, %d layers%n",
                bytes(t.imageSize()), t.gzipSize() >= 0 ? " (gzip " + bytes(t.gzipSize()) + ")" : "",
                bytes(t.wastedBytes()), t.efficiency() * 100, t.layers()));
        if (!report.advice().isEmpty()) {
            sb.append(String.format("What to change:%n"));
            for (Advice a : report.advice()) {
                sb.append(String.format(Locale.ROOT, "  line %d%s: %s%n", a.line(),
                        a.rule() == null ? "" : " [" + a.rule() + "]", a.message()));
            }
        }
        return sb.toString();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= INSTRUCTION_WIDTH ? oneLine : oneLine.substring(0, INSTRUCTION_WIDTH - 3) + "...";
    }

    /** Human size with binary units, like {@code docker history -H} but base 1024. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
