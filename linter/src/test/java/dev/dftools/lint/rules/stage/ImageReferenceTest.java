package dev.dftools.lint.rules.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb";

    @Test
    void splitsRegistryPathTagAndDigest() throws Exception {
        ImageReference ref = ImageReference.parse("registry.example.com:5000/team/app:1.2@" + SHA);
        assertEquals("registry.example.com:5000", ref.registry());
        assertEquals("team/app", ref.path());
        assertEquals("1.2", ref.tag());
        assertEquals(SHA, ref.digest());
        assertEquals("registry.example.com:5000", ref.domain());
    }

    @Test
    void dockerHubWhenNoRegistryIsWritten() throws Exception {
        ImageReference ref = ImageReference.parse("debian:12");
        assertNull(ref.registry());
        assertEquals("docker.io", ref.domain());
        assertEquals("docker.io/library/debian", ref.normalizedName());
        assertEquals("docker.io/zemanlx/ubuntu", ImageReference.parse("zemanlx/ubuntu:18.04").normalizedName());
        assertEquals("docker.io", ImageReference.parse("index.docker.io/library/debian").domain());
    }

    @Test
    void firstComponentIsARegistryOnlyWhenItLooksLikeOne() {
        assertEquals("localhost", ImageReference.split("localhost/app").registry());
        assertEquals("host:5000", ImageReference.split("host:5000/app").registry());
        assertNull(ImageReference.split("team/app").registry());
        // a port without a path is a tag
        ImageReference hostOnly = ImageReference.split("localhost:5000");
        assertNull(hostOnly.registry());
        assertEquals("5000", hostOnly.tag());
    }

    @Test
    void splitKeepsPartsBuildKitWouldReject() {
        ImageReference ref = ImageReference.split("ruby@sha256:f1dbca0f5dbc9");
        assertEquals("ruby", ref.path());
        assertEquals("sha256:f1dbca0f5dbc9", ref.digest());
        assertNull(ref.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian", "scratch", "a/b/c:tag", "my-app_x.y", "a__b", "a---b", "[::1]:5000/app",
        "Registry.Example.com/app", "debian:" + "t1234567890", "localhost:5000/app:v1", "foo@" + SHA})
    void validReferences(String reference) {
        assertTrue(ImageReference.tryParse(reference).isPresent(), reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Debian", "debian:", "debian:-x", "a/-b", "a..b", "a___b", "debian@sha256:abc",
        "debian@md5:0123456789abcdef0123456789abcdef", "debian:tag:tag", "foo/", "/foo",
        "7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb"})
    void invalidReferences(String reference) {
        assertTrue(ImageReference.tryParse(reference).isEmpty(), reference);
    }

    @Test
    void tagsAreAtMost128Chars() {
        assertTrue(ImageReference.tryParse("a:" + "x".repeat(128)).isPresent());
        assertTrue(ImageReference.tryParse("a:" + "x".repeat(129)).isEmpty());
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertEquals("repository name (Debian) must be lowercase",
                assertThrows(ImageReference.InvalidReferenceException.class,
                        () -> ImageReference.parse("Debian:12")).getMessage());
        assertEquals("invalid checksum digest length",
                assertThrows(ImageReference.InvalidReferenceException.class,
                        () -> ImageReference.parse("debian@sha256:" + "ab".repeat(20))).getMessage());
        assertEquals("unsupported digest algorithm",
                assertThrows(ImageReference.InvalidReferenceException.class,
                        () -> ImageReference.parse("debian@md5:" + "ab".repeat(16))).getMessage());
        assertEquals("invalid reference format",
                assertThrows(ImageReference.InvalidReferenceException.class,
                        () -> ImageReference.parse("debian:")).getMessage());
    }
}
