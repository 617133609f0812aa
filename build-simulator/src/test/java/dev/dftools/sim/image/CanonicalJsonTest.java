package dev.dftools.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dftools.sim.layer.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-mapped canonical JSON gives the very bytes jackson-databind gave for the same records
 * (so image IDs and cache keys of existing stores stay the same) and reads what it read.
 */
class CanonicalJsonTest {
    /** The mapper CanonicalJson used for every record before the records were mapped by hand. */
    private static final ObjectMapper DATABIND = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final Digest D = Digest.of("x".getBytes(StandardCharsets.UTF_8));

    private static List<Object> samples() {
        List<Object> all = new ArrayList<>();
        ContainerConfig full = new ContainerConfig("app:grp", Map.of("80/tcp", Map.of(), "53/udp", Map.of()),
                List.of("PATH=/usr/bin", "Q=\"quoted\" \\ back\nline\u00e9\u0001"), List.of("/entry", "a b"),
                List.of(), Map.of("/data", Map.of(), "/cache", Map.of()), "/srv", Map.of("z", "2", "a", "1", "Ä", "x"),
                "SIGQUIT", List.of("/bin/bash", "-o", "pipefail", "-c"),
                new Healthcheck(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"), 90_000_000_000L,
                        3_000_000_000L, 1, 0, 3), List.of("RUN echo hi", "COPY . /app"));
        all.add(full);
        all.add(ContainerConfig.EMPTY);
        all.add(new Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0));
        all.add(new Healthcheck(List.of(), 0, 0, 0, 5, 0));
        ImageConfig config = new ImageConfig("2024-01-01T00:00:00Z", "Jane <j@example.com>", "amd64", "linux", full,
                RootFs.layers(List.of(D.toString(), D.toString())),
                List.of(HistoryEntry.layer("2024-01-01T00:00:00Z", "/bin/sh -c echo > /f"),
                        HistoryEntry.empty(null, "ENV A=1"),
                        new HistoryEntry(null, null, "Imported from x.tar", false)));
        all.add(config);
        all.add(ImageConfig.empty("arm64", "linux"));
        Descriptor plain = Descriptor.of(MediaTypes.LAYER_GZIP, D, 123456789012L);
        Descriptor annotated = plain.withAnnotations(Map.of("b", "2", MediaTypes.REF_NAME, "localhost/x:1"));
        all.add(plain);
        all.add(annotated);
        all.add(new Descriptor(MediaTypes.CONFIG, D.toString(), 0, Map.of()));
        all.add(Manifest.of(plain, List.of(annotated, plain)));
        all.add(Manifest.of(plain, List.of()));
        all.add(ImageIndex.of(List.of(annotated, plain)));
        all.add(ImageIndex.of(List.of()));
        return all;
    }

    @Test
    void theBytesAreDatabindsBytes() throws Exception {
        for (Object sample : samples()) {
            assertEquals(new String(DATABIND.writeValueAsBytes(sample), StandardCharsets.UTF_8),
                    new String(CanonicalJson.bytes(sample), StandardCharsets.UTF_8), sample.getClass().getSimpleName());
        }
    }

    @Test
    void readingGivesWhatDatabindGave() throws Exception {
        for (Object sample : samples()) {
            if (sample instanceof ImageConfig || sample instanceof Manifest || sample instanceof ImageIndex
                    || sample instanceof Descriptor) {
                byte[] json = DATABIND.writeValueAsBytes(sample);
                assertEquals(DATABIND.readValue(json, sample.getClass()), CanonicalJson.read(json, sample.getClass()));
            }
        }
    }

    @Test
    void otherToolsFieldsAreIgnoredAndBadDocumentsRefused() throws Exception {
        String pulled = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"variant\":\"v8\",\"container\":\"abc\","
                + "\"config\":{\"Env\":[\"A=1\"],\"ArgsEscaped\":true,\"Image\":\"\",\"Labels\":null},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D + "\"]},\"history\":[{\"created\":\"x\","
                + "\"created_by\":\"y\",\"empty_layer\":true,\"extra\":1.5}]}";
        byte[] bytes = pulled.getBytes(StandardCharsets.UTF_8);
        assertEquals(DATABIND.readValue(bytes, ImageConfig.class), CanonicalJson.read(bytes, ImageConfig.class));
        assertThrows(IOException.class, () -> CanonicalJson.read("{\"os\":".getBytes(StandardCharsets.UTF_8),
                ImageConfig.class));
        assertThrows(IOException.class, () -> CanonicalJson.read("[1]".getBytes(StandardCharsets.UTF_8),
                Manifest.class));
        assertThrows(IOException.class, () -> CanonicalJson.read("{\"schemaVersion\":\"two\"}"
                .getBytes(StandardCharsets.UTF_8), ImageIndex.class));
    }
}
