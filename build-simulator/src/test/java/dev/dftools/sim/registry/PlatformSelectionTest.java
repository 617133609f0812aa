package dev.dftools.sim.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dftools.sim.layer.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Picking the manifest of a platform from a Docker manifest list (attestations, variants). */
class PlatformSelectionTest {
    private static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    private static final String LIST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":1,
               "platform":{"os":"linux","architecture":"arm","variant":"v6"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":1,
               "platform":{"os":"linux","architecture":"arm","variant":"v7"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
               "platform":{"os":"unknown","architecture":"unknown"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":1,
               "platform":{"os":"linux","architecture":"amd64"}}
            ]}""".formatted(digest('a'), digest('b'), digest('c'), digest('d'));

    private static Digest select(String platform) throws Exception {
        byte[] bytes = LIST.getBytes(StandardCharsets.UTF_8);
        return Puller.select(ImageRef.parse("reg.example/app:1"),
                new RegistryClient.FetchedManifest(bytes, MediaType.DOCKER_MANIFEST_LIST, Digest.of(bytes)),
                Platform.parse(platform));
    }

    @Test
    void picksTheEntryOfThePlatformAndVariant() throws Exception {
        assertEquals(Digest.parse(digest('d')), select("linux/amd64"));
        assertEquals(Digest.parse(digest('b')), select("linux/arm/v7"));
        assertEquals(Digest.parse(digest('a')), select("linux/arm"), "no variant asked: the first arm entry");
    }

    @Test
    void noMatchListsThePlatformsButNotTheAttestations() {
        RegistryException e = assertThrows(RegistryException.class, () -> select("linux/arm64"));
        assertEquals("no image for platform linux/arm64 in reg.example/app:1; available: linux/arm/v6, "
                + "linux/arm/v7, linux/amd64", e.getMessage());
        assertEquals(RegistryException.Kind.PROTOCOL, e.kind());
    }
}
