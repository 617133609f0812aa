package dev.dftools.sim.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
    @TempDir
    Path tmp;

    @Test
    void parsesBearerChallengesWithQuotedCommas() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull,push\"").orElseThrow();
        assertEquals("bearer", c.scheme());
        assertEquals("https://auth.docker.io/token", c.param("realm"));
        assertEquals("registry.docker.io", c.param("service"));
        assertEquals("repository:library/busybox:pull,push", c.param("scope"));
        AuthChallenge basic = AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();
        assertEquals("basic", basic.scheme());
        assertEquals("Registry Realm", basic.param("realm"));
        assertEquals("a\"b", AuthChallenge.parse("Bearer realm=\"a\\\"b\"").orElseThrow().param("realm"));
        assertEquals("x", AuthChallenge.parse("Bearer realm=x, service=y").orElseThrow().param("realm"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dockerConfigAuthsMatchHostsSchemesAndDockerHubAliases() throws Exception {
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), """
                {"auths": {
                  "https://index.docker.io/v1/": {"auth": "%s"},
                  "http://127.0.0.1:5000": {"auth": "%s"},
                  "reg.example/team": {"auth": "%s"},
                  "reg.example": {"auth": "%s"}
                }}""".formatted(b64("hub:pw1"), b64("local:pw:with:colons"), b64("team:pw3"), b64("any:pw4")));
        AuthFiles files = AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", docker.toString()), tmp, null);
        assertEquals(Optional.of(new Credentials("hub", "pw1")), files.lookup(ImageRef.parse("busybox")));
        assertEquals(Optional.of(new Credentials("local", "pw:with:colons")),
                files.lookup(ImageRef.parse("127.0.0.1:5000/x")));
        assertEquals(Optional.of(new Credentials("team", "pw3")), files.lookup(ImageRef.parse("reg.example/team/app")),
                "a repository-prefixed key is more specific than the host");
        assertEquals(Optional.of(new Credentials("any", "pw4")), files.lookup(ImageRef.parse("reg.example/other/app")));
        assertEquals(Optional.empty(), files.lookup(ImageRef.parse("quay.io/x")));
    }

    @Test
    void podmanAuthFileComesBeforeDockerConfigAndAuthfileReplacesTheSearch() throws Exception {
        Path runtime = Files.createDirectories(tmp.resolve("run/containers"));
        Files.writeString(runtime.resolve("auth.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("podman:p") + "\"}}}");
        Path docker = Files.createDirectories(tmp.resolve("home/.docker"));
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"" + b64("docker:d") + "\"}}}");
        AuthFiles files = AuthFiles.fromEnvironment(Map.of("XDG_RUNTIME_DIR", tmp.resolve("run").toString()),
                tmp.resolve("home"), null);
        assertEquals(List.of(runtime.resolve("auth.json"), tmp.resolve("home/.config/containers/auth.json"),
                docker.resolve("config.json")), files.files());
        assertEquals("podman", files.lookup(ImageRef.parse("reg.example/a")).orElseThrow().username());
        AuthFiles explicit = AuthFiles.fromEnvironment(Map.of(), tmp.resolve("home"), docker.resolve("config.json"));
        assertEquals("docker", explicit.lookup(ImageRef.parse("reg.example/a")).orElseThrow().username());
        AuthFiles registryAuthFile = AuthFiles.fromEnvironment(Map.of("REGISTRY_AUTH_FILE",
                docker.resolve("config.json").toString(), "XDG_RUNTIME_DIR", tmp.resolve("run").toString()),
                tmp.resolve("home"), null);
        assertEquals("docker", registryAuthFile.lookup(ImageRef.parse("reg.example/a")).orElseThrow().username());
    }

    @Test
    void missingCredentialHelperIsAClearError() throws Exception {
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"),
                "{\"credHelpers\":{\"reg.example\":\"dfsim-test-nonexistent\"},\"auths\":{}}");
        AuthFiles files = AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", docker.toString()), tmp, null);
        RegistryException e = assertThrows(RegistryException.class, () -> files.lookup(ImageRef.parse("reg.example/a")));
        assertEquals(RegistryException.Kind.CREDENTIALS, e.kind());
        assertTrue(e.getMessage().contains("credential helper docker-credential-dfsim-test-nonexistent, which is not "
                + "installed"), e.getMessage());
        assertEquals(Optional.empty(), files.lookup(ImageRef.parse("other.example/a")), "the helper is per host");
    }

    @Test
    void credentialHelpersOnThePathAreAskedForTheServer() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("asked");
        Path helper = bin.resolve("docker-credential-dfsimtest");
        // answers like docker-credential-pass: JSON for a known server, "credentials not found" and exit 1 otherwise
        Files.writeString(helper, """
                #!/bin/sh
                read server
                echo "$1 $server" >> %s
                case "$server" in
                  reg.example) echo '{"ServerURL":"reg.example","Username":"helped","Secret":"pw"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """.formatted(log));
        Files.setPosixFilePermissions(helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"dfsimtest\",\"auths\":{\"reg.example\":{}}}");
        AuthFiles files = AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", docker.toString(), "PATH", bin.toString()),
                tmp, null);
        assertEquals(Optional.of(new Credentials("helped", "pw")), files.lookup(ImageRef.parse("reg.example/a")));
        assertEquals(Optional.empty(), files.lookup(ImageRef.parse("busybox")));
        assertEquals(List.of("get reg.example", "get https://index.docker.io/v1/"), Files.readAllLines(log));
    }

    @Test
    void brokenAuthFileIsAClearError() throws Exception {
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"reg.example\":{\"auth\":\"!!notbase64\"}}}");
        AuthFiles files = AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", docker.toString()), tmp, null);
        RegistryException e = assertThrows(RegistryException.class, () -> files.lookup(ImageRef.parse("reg.example/a")));
        assertTrue(e.getMessage().endsWith("auths.reg.example.auth is not base64"), e.getMessage());
        Files.writeString(docker.resolve("config.json"), "{not json");
        assertTrue(assertThrows(RegistryException.class, () -> files.lookup(ImageRef.parse("reg.example/a")))
                .getMessage().startsWith("cannot read credentials from " + docker.resolve("config.json")));
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertTrue(!new Credentials("u", "topsecret").toString().contains("topsecret"));
        assertEquals("Basic " + b64("u:p"), new Credentials("u", "p").basicHeader());
    }
}
