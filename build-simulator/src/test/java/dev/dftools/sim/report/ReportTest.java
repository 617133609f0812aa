package dev.dftools.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    static BuildReport sample() {
        List<LayerReport> layers = List.of(
                new LayerReport(0, "0", 2, "RUN dd if=/dev/zero of=/big bs=1M count=5", "RUN /bin/sh -c dd # buildkit",
                        false, LayerStatus.EXECUTED, 5 * 1024 * 1024 + 1536, 6000, 1, 0, 0, 5 * 1024 * 1024,
                        List.of(new FileEntry("big", 5 * 1024 * 1024))),
                new LayerReport(1, "0", 3, "RUN rm /big", "RUN /bin/sh -c rm /big # buildkit", false,
                        LayerStatus.EXECUTED, 1536, 100, 0, 0, 1, 0, List.of()),
                new LayerReport(2, "0", 4, "CMD [\"sh\"]", "CMD [\"sh\"]", true, LayerStatus.EXECUTED, 0, 0, 0, 0, 0, 0,
                        List.of()));
        return new BuildReport(BuildReport.SCHEMA_VERSION, "Dockerfile", "0", "build", null, layers,
                Totals.of(layers), List.of(new Advice(2, Advice.REMOVED_LATER, 5 * 1024 * 1024,
                        "/big is removed at line 3 but still ships in this layer; remove it in the same RUN")));
    }

    @Test
    void totalsAndEfficiency() {
        Totals t = sample().totals();
        assertEquals(5 * 1024 * 1024 + 3072, t.imageSize());
        assertEquals(6100, t.gzipSize());
        assertEquals(2, t.layers());
        assertEquals(1.0 - 5.0 * 1024 * 1024 / (5 * 1024 * 1024 + 3072), t.efficiency(), 1e-12);
    }

    @Test
    void jsonRoundTripWithStableFieldOrder() throws IOException {
        BuildReport report = sample();
        String json = ReportJson.write(report);
        assertEquals(report, ReportJson.read(json));
        assertTrue(json.indexOf("\"schemaVersion\"") < json.indexOf("\"dockerfile\""));
        assertTrue(json.indexOf("\"layers\"") < json.indexOf("\"totals\""));
        assertTrue(json.indexOf("\"step\"") < json.indexOf("\"createdBy\""));
        assertTrue(json.contains("\"status\" : \"executed\""), json);
        assertTrue(json.contains("\"image\" : null"), json);
        assertTrue(json.contains("\"rule\" : \"DF3510\""), json);
    }

    @Test
    void tableShowsEachLayerTotalsAndAdvice() {
        String table = TableRenderer.render(sample());
        String[] lines = table.split("\n");
        assertEquals("Dockerfile (target 0, build)", lines[0]);
        assertTrue(lines[1].startsWith(" LINE  INSTRUCTION"), lines[1]);
        assertTrue(lines[2].startsWith("    2  RUN dd if=/dev/zero of=/big bs=1M count=5"), lines[2]);
        assertTrue(lines[2].contains("5.0 MiB") && lines[2].endsWith("executed"), lines[2]);
        assertTrue(lines[4].endsWith("metadata"), lines[4]);
        assertTrue(lines[1].contains(" EFF  STATUS"), lines[1]);
        assertTrue(lines[2].contains("  0.0%  executed"), lines[2]);
        assertTrue(lines[3].contains("  100%  executed"), lines[3]);
        assertTrue(lines[5].startsWith("Image size 5.0 MiB (gzip 6.0 KiB), wasted 5.0 MiB, efficiency 0.1%"), lines[5]);
        assertEquals("What to change:", lines[6]);
        assertTrue(lines[7].startsWith("  line 2 [DF3510]: /big is removed"), lines[7]);
    }

    @Test
    void humanSizes() {
        assertEquals("512 B", TableRenderer.bytes(512));
        assertEquals("1.5 KiB", TableRenderer.bytes(1536));
        assertEquals("79.0 MiB", TableRenderer.bytes(79L * 1024 * 1024));
    }
}
