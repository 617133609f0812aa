package dev.dftools.sim.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dftools.sim.image.MediaTypes;
import java.io.IOException;
import java.util.Set;

/** The manifest and layer media types of OCI and Docker v2 schema 2 that pulls deal with. */
public final class MediaType {
    public static final String OCI_MANIFEST = MediaTypes.MANIFEST;
    public static final String OCI_INDEX = MediaTypes.INDEX;
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    /** Layer types the build can unpack: plain or gzipped tars (zstd would need a native library). */
    public static final Set<String> UNPACKABLE_LAYERS = Set.of(
            MediaTypes.LAYER_TAR,
            MediaTypes.LAYER_GZIP,
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.diff.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaType() {}

    public static boolean isIndex(String type) {
        return type.equals(OCI_INDEX) || type.equals(DOCKER_MANIFEST_LIST);
    }

    /**
     * The type of a fetched manifest: the Content-Type when it names a manifest type, else the
     * document's {@code mediaType}, else guessed from its shape ({@code manifests} = an index).
     */
    static String ofManifest(String contentType, byte[] bytes) {
        String header = RegistryClient.bareType(contentType);
        if (RegistryClient.MANIFEST_TYPES.contains(header) || header.equals(DOCKER_SCHEMA1)
                || header.equals(DOCKER_SCHEMA1_SIGNED)) {
            return header;
        }
        try {
            JsonNode doc = JSON.readTree(bytes);
            String field = doc.path("mediaType").asText("");
            if (!field.isEmpty()) {
                return field;
            }
            return doc.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        } catch (IOException e) {
            return header;
        }
    }
}
