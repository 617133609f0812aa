package dev.dftools.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.sim.layer.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    private static final Digest LAYER = Digest.of(new byte[0]);

    @Test
    void canonicalJsonHasSortedKeysAndDockerHistory() {
        ImageConfig c = ImageConfig.empty("amd64", "linux")
                .withLayer(LAYER, HistoryEntry.layer("2024-01-01T00:00:00Z", "/bin/sh -c echo hi > /f"))
                .withMetadata(ContainerConfig.EMPTY.withEnv(List.of("A=1")).withCmd(List.of("sh")),
                        HistoryEntry.empty("2024-01-01T00:00:01Z", "/bin/sh -c #(nop)  CMD [\"sh\"]"));
        String json = new String(c.toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"sh\"],\"Env\":[\"A=1\"]},"
                + "\"created\":\"2024-01-01T00:00:01Z\",\"history\":["
                + "{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"/bin/sh -c echo hi > /f\"},"
                + "{\"created\":\"2024-01-01T00:00:01Z\",\"created_by\":\"/bin/sh -c #(nop)  CMD [\\\"sh\\\"]\","
                + "\"empty_layer\":true}],"
                + "\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[\"" + LAYER + "\"],\"type\":\"layers\"}}", json);
        assertEquals(Digest.of(c.toJson()), c.digest());
    }

    @Test
    void authorAndOnBuildRoundTrip() throws Exception {
        ImageConfig c = ImageConfig.empty("amd64", "linux").withMetadata(
                ContainerConfig.EMPTY.withOnBuild(List.of("RUN echo hi")), HistoryEntry.empty(null, "MAINTAINER me"))
                .withAuthor("me");
        String json = new String(c.toJson(), StandardCharsets.UTF_8);
        assertEquals(true, json.startsWith("{\"architecture\":\"amd64\",\"author\":\"me\",\"config\":{\"OnBuild\":"),
                json);
        assertEquals(c, CanonicalJson.read(c.toJson(), ImageConfig.class));
    }

    @Test
    void roundTripKeepsEveryConfigField() throws Exception {
        ContainerConfig cc = new ContainerConfig("app", Map.of("80/tcp", Map.of()), List.of("P=/bin"),
                List.of("/entry"), List.of("run"), Map.of("/data", Map.of()), "/srv", Map.of("b", "2", "a", "1"),
                "SIGTERM", List.of("/bin/bash", "-c"),
                new Healthcheck(List.of("CMD", "true"), 30_000_000_000L, 0, 0, 0, 3));
        ImageConfig c = ImageConfig.empty("arm64", "linux").withMetadata(cc, HistoryEntry.empty(null, "USER app"));
        ImageConfig back = CanonicalJson.read(c.toJson(), ImageConfig.class);
        assertEquals(c, back);
        String json = new String(c.toJson(), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"Labels\":{\"a\":\"1\",\"b\":\"2\"}"), json);
        assertEquals(true, json.contains("\"Healthcheck\":{\"Interval\":30000000000,\"Retries\":3,\"Test\":[\"CMD\",\"true\"]}"), json);
    }

    @Test
    void manifestAndIndexSerialize() throws Exception {
        Descriptor config = Descriptor.of(MediaTypes.CONFIG, LAYER, 2);
        Manifest m = Manifest.of(config, List.of(Descriptor.of(MediaTypes.LAYER_GZIP, LAYER, 20)));
        assertEquals(m, CanonicalJson.read(CanonicalJson.bytes(m), Manifest.class));
        ImageIndex idx = ImageIndex.of(List.of(Descriptor.of(MediaTypes.MANIFEST, LAYER, 3)
                .withAnnotations(Map.of(MediaTypes.REF_NAME, "busybox:latest"))));
        String json = new String(CanonicalJson.bytes(idx), StandardCharsets.UTF_8);
        assertEquals("{\"manifests\":[{\"annotations\":{\"" + MediaTypes.REF_NAME + "\":\"busybox:latest\"},"
                + "\"digest\":\"" + LAYER + "\",\"mediaType\":\"" + MediaTypes.MANIFEST + "\",\"size\":3}],"
                + "\"mediaType\":\"" + MediaTypes.INDEX + "\",\"schemaVersion\":2}", json);
        assertEquals("busybox:latest", CanonicalJson.read(json.getBytes(StandardCharsets.UTF_8), ImageIndex.class)
                .manifests().get(0).refName());
    }
}
