package dev.dftools.sim.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dftools.sim.layer.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against small fake registries (JDK HttpServer on loopback): auth, redirects, digest checks. */
class RegistryClientTest {
    private static final byte[] BLOB = "hello blob".getBytes(StandardCharsets.UTF_8);
    private static final Digest BLOB_DIGEST = Digest.of(BLOB);

    @TempDir
    Path tmp;

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private HttpServer serve(Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            try (ex) {
                handler.handle(ex);
            }
        });
        s.start();
        servers.add(s);
        return s;
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String host(HttpServer s) {
        return "127.0.0.1:" + s.getAddress().getPort();
    }

    private static AuthFiles creds(Path dir, String host, String user, String pw) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + host + "\":{\"auth\":\""
                + java.util.Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8))
                + "\"}}}");
        return AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString()), dir, null);
    }

    @Test
    void basicChallengeSendsCredentialsAndRedirectsDropThemForAnotherHost() throws Exception {
        List<String> storageAuth = new ArrayList<>();
        HttpServer storage = serve(ex -> {
            storageAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            reply(ex, 200, BLOB);
        });
        HttpServer registry = serve(ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!new Credentials("u", "p").basicHeader().equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
                reply(ex, 401, new byte[0]);
                return;
            }
            ex.getResponseHeaders().add("Location", "http://localhost:" + storage.getAddress().getPort() + "/signed?x=1");
            reply(ex, 307, new byte[0]);
        });
        RegistryClient client = new RegistryClient(creds(tmp.resolve("c"), host(registry), "u", "p"),
                RegistryClient.Options.defaults());
        Path target = tmp.resolve("blob");
        client.downloadBlob(ImageRef.parse(host(registry) + "/a/b"), BLOB_DIGEST, BLOB.length, target);
        assertArrayEquals(BLOB, Files.readAllBytes(target));
        assertEquals(List.of("null"), storageAuth, "the registry's credentials never go to the storage host");

        RegistryClient anonymous = new RegistryClient(AuthFiles.none(), RegistryClient.Options.defaults());
        RegistryException e = assertThrows(RegistryException.class, () -> anonymous.downloadBlob(
                ImageRef.parse(host(registry) + "/a/b"), BLOB_DIGEST, BLOB.length, tmp.resolve("x")));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, e.kind());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void contentLongerThanAnnouncedIsCutOffAndNotKept() throws Exception {
        HttpServer registry = serve(ex -> reply(ex, 200, BLOB));
        RegistryClient client = new RegistryClient(AuthFiles.none(), RegistryClient.Options.defaults());
        Path target = tmp.resolve("blob");
        RegistryException e = assertThrows(RegistryException.class, () -> client.downloadBlob(
                ImageRef.parse(host(registry) + "/a/b"), BLOB_DIGEST, 4, target));
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("is larger than its 4 bytes"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void manifestWhoseDockerContentDigestDisagreesIsRefused() throws Exception {
        byte[] manifest = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
        List<String> accept = new ArrayList<>();
        HttpServer registry = serve(ex -> {
            accept.add(ex.getRequestHeaders().getFirst("Accept"));
            ex.getResponseHeaders().add("Content-Type", MediaType.OCI_MANIFEST);
            ex.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + "0".repeat(64));
            reply(ex, 200, manifest);
        });
        RegistryClient client = new RegistryClient(AuthFiles.none(), RegistryClient.Options.defaults());
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.manifest(ImageRef.parse(host(registry) + "/a/b:1")));
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(Digest.of(manifest).toString()), e.getMessage());
        for (String type : RegistryClient.MANIFEST_TYPES) {
            assertTrue(accept.get(0).contains(type), accept.get(0));
        }
        // by digest: the content must be that digest
        RegistryException byDigest = assertThrows(RegistryException.class, () -> client.manifest(
                ImageRef.parse(host(registry) + "/a/b@sha256:" + "1".repeat(64))));
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, byDigest.kind());
    }

    @Test
    void httpsUnlessLoopbackOrInsecureAndUnknownHostsAreOneLine() throws Exception {
        RegistryClient client = new RegistryClient(AuthFiles.none(),
                RegistryClient.Options.defaults().withInsecureHosts(Set.of("reg.lan:5000", "other.lan")));
        assertEquals("http", client.scheme("127.0.0.1:5000"));
        assertEquals("http", client.scheme("localhost"));
        assertEquals("http", client.scheme("[::1]:5000"));
        assertEquals("http", client.scheme("reg.lan:5000"));
        assertEquals("https", client.scheme("reg.lan:5001"));
        assertEquals("http", client.scheme("other.lan:443"));
        assertEquals("https", client.scheme("registry-1.docker.io"));
        assertEquals("https", client.scheme("127.example.com"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.manifest(ImageRef.parse("no-such-host.invalid/a:1")));
        assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
        assertEquals("cannot reach registry no-such-host.invalid: unknown host", e.getMessage());
    }

    @Test
    void uploadSkipsBlobsTheRegistryHasAndChecksTheDigestItReports() throws Exception {
        List<String> calls = new ArrayList<>();
        HttpServer registry = serve(ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            switch (ex.getRequestMethod()) {
                case "HEAD" -> reply(ex, 404, new byte[0]);
                case "POST" -> {
                    ex.getResponseHeaders().add("Location", "/v2/a/b/blobs/uploads/u1?_state=s");
                    reply(ex, 202, new byte[0]);
                }
                default -> {
                    byte[] got = ex.getRequestBody().readAllBytes();
                    ex.getResponseHeaders().add("Docker-Content-Digest", Digest.of(got).toString());
                    reply(ex, 201, new byte[0]);
                }
            }
        });
        RegistryClient client = new RegistryClient(AuthFiles.none(), RegistryClient.Options.defaults());
        ImageRef repo = ImageRef.parse(host(registry) + "/a/b");
        client.uploadBlob(repo, BLOB_DIGEST, () -> java.net.http.HttpRequest.BodyPublishers.ofByteArray(BLOB));
        assertEquals(List.of("HEAD /v2/a/b/blobs/" + BLOB_DIGEST, "POST /v2/a/b/blobs/uploads/",
                "PUT /v2/a/b/blobs/uploads/u1?_state=s&digest=" + BLOB_DIGEST.toString().replace(":", "%3A")), calls);
        RegistryException e = assertThrows(RegistryException.class, () -> client.uploadBlob(repo, BLOB_DIGEST,
                () -> java.net.http.HttpRequest.BodyPublishers.ofByteArray("other".getBytes(StandardCharsets.UTF_8))));
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
    }
}
