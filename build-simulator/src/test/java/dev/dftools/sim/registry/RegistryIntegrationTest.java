package dev.dftools.sim.registry;

import dev.dftools.sim.testing.Busybox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.dftools.sim.image.CanonicalJson;
import dev.dftools.sim.image.Descriptor;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull against a real registry (Debian's docker-registry on loopback): a busybox image
 * round trip by tag and by digest, a multi-platform index, token auth with a token server of our own,
 * and (against a fake registry, the one case a real one cannot produce) a blob that does not match
 * its digest. Skipped with the reason when docker-registry or busybox-static cannot be installed.
 */
class RegistryIntegrationTest {
    private static final String USER = "tester";
    private static final String PASSWORD = "s3cret-pw";

    @TempDir
    Path tmp;

    private ImageStore source;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        RegistryServer.assumeAvailable();
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the busybox rootfs needs root (chroot)");
        Assumptions.assumeTrue(Busybox.ensureInstalled(), "busybox-static is not installed");
        source = ImageStore.open(tmp.resolve("source"));
        source.importRootfs(Busybox.rootfs(tmp.resolve("rootfs")), "localhost/busybox:local");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
    }

    private RegistryServer registry(String name, String authYaml) throws Exception {
        RegistryServer r = RegistryServer.start(tmp.resolve(name), authYaml);
        running.add(r);
        return r;
    }

    private static RegistryClient client(AuthFiles auth) {
        return new RegistryClient(auth, RegistryClient.Options.defaults());
    }

    private Puller puller(RegistryClient client, ImageStore store) {
        return new Puller(client, store, progress::add);
    }

    @Test
    void pushedImagePullsBackByTagAndByDigestWithTheSameDigests() throws Exception {
        RegistryServer r = registry("reg", "");
        RegistryClient client = client(AuthFiles.none());
        ImageRef target = ImageRef.parse(r.host() + "/dfsim/busybox:1.35");
        Digest pushed = new Pusher(client, source, progress::add).push("localhost/busybox:local", target);
        StoredImage original = source.image("localhost/busybox:local");
        assertEquals(original.manifestDescriptor().blobDigest(), pushed, "the manifest goes up byte for byte");

        ImageStore fresh = ImageStore.open(tmp.resolve("fresh"));
        assertThrows(StoreException.class, () -> fresh.image(target.toString()));
        StoredImage byTag = puller(client, fresh).pull(target, Platform.parse("linux/amd64"));
        assertEquals(target.toString(), byTag.name());
        assertEquals(pushed, byTag.manifestDescriptor().blobDigest());
        assertEquals(original.id(), byTag.id(), "same config");
        assertEquals(original.manifest().layers().get(0).digest(), byTag.manifest().layers().get(0).digest());
        Digest layer = byTag.manifest().layers().get(0).blobDigest();
        assertEquals(layer, Digest.of(fresh.verifiedBlob(layer)), "the layer blob is stored under its digest");

        ImageStore fresh2 = ImageStore.open(tmp.resolve("fresh2"));
        ImageRef byDigestRef = ImageRef.parse(r.host() + "/dfsim/busybox@" + pushed);
        StoredImage byDigest = puller(client, fresh2).pull(byDigestRef, Platform.parse("linux/amd64"));
        assertEquals(pushed, byDigest.manifestDescriptor().blobDigest());
        assertEquals(byDigestRef.toString(), byDigest.name());
        assertEquals(Digest.of(fresh2.readBlob(pushed)), pushed);
        assertEquals(List.of(), leftovers(fresh2), "no temp files left in the store");

        // a second pull finds every blob in the store and fetches nothing
        progress.clear();
        puller(client, fresh).pull(target, Platform.parse("linux/amd64"));
        assertTrue(progress.stream().noneMatch(l -> l.contains("fetching")), progress.toString());
    }

    @Test
    void indexPullSelectsThePlatformAndListsTheAvailableOnesWhenNoneMatches() throws Exception {
        RegistryServer r = registry("reg", "");
        RegistryClient client = client(AuthFiles.none());
        StoredImage amd = source.image("localhost/busybox:local");
        ImageConfig c = amd.config();
        source.commit("localhost/busybox:arm64", new ImageConfig(c.created(), "arm64", "linux", c.config(),
                c.rootfs(), c.history()), amd.manifest().layers());
        StoredImage arm = source.image("localhost/busybox:arm64");
        ImageRef repo = ImageRef.parse(r.host() + "/dfsim/multi");
        Pusher pusher = new Pusher(client, source, progress::add);
        Digest amdDigest = pusher.push(amd.name(), repo.withDigest(amd.manifestDescriptor().blobDigest()));
        Digest armDigest = pusher.push(arm.name(), repo.withDigest(arm.manifestDescriptor().blobDigest()));
        byte[] index = CanonicalJson.bytes(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_INDEX,
                "manifests", List.of(entry(amd.manifestDescriptor(), "amd64", null),
                        entry(arm.manifestDescriptor(), "arm64", "v8"))));
        client.putManifest(repo, "multi", index, MediaType.OCI_INDEX);

        ImageRef tagged = repo.withTag("multi");
        StoredImage gotArm = puller(client, ImageStore.open(tmp.resolve("a"))).pull(tagged, Platform.parse("linux/arm64"));
        assertEquals("arm64", gotArm.config().architecture());
        assertEquals(armDigest, gotArm.manifestDescriptor().blobDigest());
        StoredImage gotAmd = puller(client, ImageStore.open(tmp.resolve("b"))).pull(tagged, Platform.parse("linux/amd64"));
        assertEquals("amd64", gotAmd.config().architecture());
        assertEquals(amdDigest, gotAmd.manifestDescriptor().blobDigest());

        ImageStore none = ImageStore.open(tmp.resolve("c"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller(client, none).pull(tagged, Platform.parse("linux/s390x")));
        assertEquals("no image for platform linux/s390x in " + tagged + "; available: linux/amd64, linux/arm64/v8",
                e.getMessage());
        assertTrue(none.list().isEmpty());
    }

    private static Map<String, Object> entry(Descriptor d, String arch, String variant) {
        Map<String, Object> platform = variant == null ? Map.of("os", "linux", "architecture", arch)
                : Map.of("os", "linux", "architecture", arch, "variant", variant);
        return Map.of("mediaType", d.mediaType(), "digest", d.digest(), "size", d.size(), "platform", platform);
    }

    @Test
    void tokenAuthRefusesAnonymousPullsAndAcceptsConfigJsonCredentials() throws Exception {
        TokenServer tokens = new TokenServer(tmp.resolve("token"), USER, PASSWORD);
        running.add(tokens);
        RegistryServer r = registry("secure", tokens.authYaml());
        Path dockerConfig = Files.createDirectories(tmp.resolve("docker-config"));
        String auth = java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"),
                "{\"auths\":{\"" + r.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        AuthFiles withCreds = AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", dockerConfig.toString()),
                tmp.resolve("nohome"), null);
        ImageRef target = ImageRef.parse(r.host() + "/team/busybox:1");
        Digest pushed = new Pusher(client(withCreds), source, progress::add).push("localhost/busybox:local", target);

        ImageStore anonymousStore = ImageStore.open(tmp.resolve("anon"));
        AuthFiles nothing = AuthFiles.fromEnvironment(Map.of(), tmp.resolve("nohome"), null);
        RegistryException refused = assertThrows(RegistryException.class,
                () -> puller(client(nothing), anonymousStore).pull(target, Platform.parse("linux/amd64")));
        assertEquals(RegistryException.Kind.UNAUTHORIZED, refused.kind());
        assertTrue(refused.getMessage().startsWith("unauthorized: cannot pull " + r.host() + "/team/busybox without"
                + " credentials"), refused.getMessage());
        assertTrue(anonymousStore.list().isEmpty());

        RegistryException wrong = assertThrows(RegistryException.class, () -> {
            Path bad = Files.createDirectories(tmp.resolve("bad-config"));
            Files.writeString(bad.resolve("config.json"), "{\"auths\":{\"http://" + r.host() + "\":{\"auth\":\""
                    + java.util.Base64.getEncoder().encodeToString("tester:nope".getBytes(StandardCharsets.UTF_8))
                    + "\"}}}");
            puller(client(AuthFiles.fromEnvironment(Map.of("DOCKER_CONFIG", bad.toString()), tmp, null)),
                    ImageStore.open(tmp.resolve("wrong"))).pull(target, Platform.parse("linux/amd64"));
        });
        assertTrue(wrong.getMessage().contains("refused the credentials of tester"), wrong.getMessage());

        int before = tokens.requests("repository:team/busybox:pull");
        StoredImage pulled = puller(client(withCreds), ImageStore.open(tmp.resolve("authed")))
                .pull(target, Platform.parse("linux/amd64"));
        assertEquals(pushed, pulled.manifestDescriptor().blobDigest());
        assertEquals(1, tokens.requests("repository:team/busybox:pull") - before,
                "one token for the manifest, config and layer requests of one pull");
    }

    @Test
    void blobWhoseContentDoesNotMatchItsDigestIsRefusedAndNothingIsStored() throws Exception {
        StoredImage image = source.image("localhost/busybox:local");
        byte[] manifest = source.readBlob(image.manifestDescriptor().blobDigest());
        byte[] config = source.readBlob(image.id());
        byte[] tampered = new String(config, StandardCharsets.UTF_8).replace("amd64", "arm64")
                .getBytes(StandardCharsets.UTF_8);
        ImageRef ref = fakeRegistry(Map.of("/manifests/1", manifest, "/blobs/" + image.id(), tampered),
                "/evil/busybox:1");
        ImageStore store = ImageStore.open(tmp.resolve("victim"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller(client(AuthFiles.none()), store).pull(ref, Platform.parse("linux/amd64")));
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
        assertEquals("digest mismatch: blob " + image.id() + " of " + ref.name() + " has content "
                + Digest.of(tampered) + ", not " + image.id() + "; nothing was stored", e.getMessage());
        assertFalse(store.hasBlob(image.id()));
        assertFalse(store.hasBlob(Digest.of(tampered)));
        assertTrue(store.list().isEmpty());
        assertEquals(List.of(), leftovers(store));
    }

    @Test
    void layerThatDoesNotUnpackToTheConfigsDiffIdIsRefused() throws Exception {
        StoredImage image = source.image("localhost/busybox:local");
        String realDiffId = image.config().rootfs().diffIds().get(0);
        byte[] config = new String(source.readBlob(image.id()), StandardCharsets.UTF_8)
                .replace(realDiffId, "sha256:" + "0".repeat(64)).getBytes(StandardCharsets.UTF_8);
        Descriptor layer = image.manifest().layers().get(0);
        byte[] manifest = CanonicalJson.bytes(dev.dftools.sim.image.Manifest.of(
                Descriptor.of(dev.dftools.sim.image.MediaTypes.CONFIG, Digest.of(config), config.length), List.of(layer)));
        ImageRef ref = fakeRegistry(Map.of("/manifests/1", manifest, "/blobs/" + Digest.of(config), config,
                "/blobs/" + layer.digest(), source.readBlob(layer.blobDigest())), "/liar/busybox:1");
        ImageStore store = ImageStore.open(tmp.resolve("victim"));
        RegistryException e = assertThrows(RegistryException.class,
                () -> puller(client(AuthFiles.none()), store).pull(ref, Platform.parse("linux/amd64")));
        assertEquals(RegistryException.Kind.DIGEST_MISMATCH, e.kind());
        assertEquals("digest mismatch: layer " + layer.digest() + " of " + ref.name() + " unpacks to " + realDiffId
                + " but the image config says sha256:" + "0".repeat(64) + "; nothing was stored", e.getMessage());
        assertFalse(store.hasBlob(layer.blobDigest()));
        assertTrue(store.list().isEmpty());
        assertEquals(List.of(), leftovers(store));
    }

    /** A fake registry serving fixed bodies by path suffix (404 otherwise); returns REF on it. */
    private ImageRef fakeRegistry(Map<String, byte[]> bodies, String repoAndTag) throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/v2/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                byte[] body = bodies.entrySet().stream().filter(b -> path.endsWith(b.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (body == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                if (path.contains("/manifests/")) {
                    ex.getResponseHeaders().add("Content-Type", MediaType.OCI_MANIFEST);
                }
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        fake.start();
        running.add(() -> fake.stop(0));
        return ImageRef.parse("127.0.0.1:" + fake.getAddress().getPort() + repoAndTag);
    }

    /** Files of the store's blob dir that are not blobs (temp files of a pull). */
    private static List<String> leftovers(ImageStore store) throws Exception {
        try (Stream<Path> s = Files.list(store.root().resolve("blobs/sha256"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.matches("[0-9a-f]{64}")).toList();
        }
    }
}
