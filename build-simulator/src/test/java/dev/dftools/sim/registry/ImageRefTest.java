package dev.dftools.sim.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
    private static final String SHA = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
        "busybox,                       docker.io/library/busybox:latest",
        "busybox:1.35,                  docker.io/library/busybox:1.35",
        "team/app,                      docker.io/team/app:latest",
        "docker.io/busybox,             docker.io/library/busybox:latest",
        "index.docker.io/library/debian:12, docker.io/library/debian:12",
        "localhost/busybox:local,       localhost/busybox:local",
        "localhost:5000/a/b/c,          localhost:5000/a/b/c:latest",
        "127.0.0.1:5000/dfsim/busybox:1.35, 127.0.0.1:5000/dfsim/busybox:1.35",
        "[::1]:5000/x,                  [::1]:5000/x:latest",
        "ghcr.io/o/r:v1.2-rc_3,         ghcr.io/o/r:v1.2-rc_3",
    })
    void normalisesLikeDocker(String text, String expected) throws Exception {
        assertEquals(expected, ImageRef.parse(text).toString());
    }

    @Test
    void digestReferencesHaveNoDefaultTag() throws Exception {
        ImageRef ref = ImageRef.parse("busybox@" + SHA);
        assertNull(ref.tag());
        assertEquals(SHA, ref.reference());
        assertEquals("docker.io/library/busybox@" + SHA, ref.toString());
        ImageRef both = ImageRef.parse("reg.example:443/app:1@" + SHA);
        assertEquals(SHA, both.reference(), "the digest wins over the tag");
        assertEquals("reg.example:443", both.registry());
        assertEquals("app", both.repository());
    }

    @Test
    void dockerHubIsCalledOnRegistry1() throws Exception {
        assertEquals("registry-1.docker.io", ImageRef.parse("busybox").apiHost());
        assertEquals("127.0.0.1:5000", ImageRef.parse("127.0.0.1:5000/a").apiHost());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Busybox/UPPER| repository name must be lowercase",
        "busybox:bad tag| invalid tag bad tag",
        "a//b| invalid repository name a//b",
        "busybox@md5:abc| unsupported digest (only sha256): md5:abc",
        "busybox:| invalid tag ",
    })
    void refusesMalformedReferences(String text, String why) {
        RegistryException e = assertThrows(RegistryException.class, () -> ImageRef.parse(text));
        assertEquals(RegistryException.Kind.BAD_REFERENCE, e.kind());
        assertTrue(e.getMessage().startsWith("invalid image reference '" + text + "': " + why.strip()), e.getMessage());
    }

    @Test
    void platformsParseAndMatchWithOptionalVariants() throws Exception {
        Platform arm = Platform.parse("linux/arm64");
        assertTrue(arm.matches("linux", "arm64", "v8"));
        assertTrue(Platform.parse("linux/arm/v7").matches("linux", "arm", "v7"));
        assertTrue(!Platform.parse("linux/arm/v7").matches("linux", "arm", "v6"));
        assertTrue(!arm.matches("linux", "amd64", null));
        assertEquals("linux/arm/v7", Platform.parse("Linux/ARM/v7").toString());
        assertThrows(RegistryException.class, () -> Platform.parse("amd64"));
        assertThrows(RegistryException.class, () -> Platform.parse("linux//v7"));
    }
}
