package dev.dftools.sim.cli;

import dev.dftools.sim.testing.Busybox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.sim.registry.RegistryServer;
import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.store.ImageStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dfsim pull}, {@code push} and a build whose FROM is only in a registry, against Debian's
 * docker-registry on loopback: exit codes and the one line on stderr.
 */
class DfsimRegistryIntegrationTest {
    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private RegistryServer registry;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        RegistryServer.assumeAvailable();
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the busybox rootfs needs root (chroot)");
        Assumptions.assumeTrue(Busybox.ensureInstalled(), "busybox-static is not installed");
        registry = RegistryServer.start(tmp.resolve("reg"), "");
        source = tmp.resolve("source");
        ImageStore.open(source).importRootfs(Busybox.rootfs(tmp.resolve("rootfs")), "localhost/busybox:local");
        assertEquals(0, run("push", "--store", source.toString(), "localhost/busybox:local",
                registry.host() + "/dfsim/busybox:1.35"), err.toString());
        assertTrue(out.toString().startsWith(registry.host() + "/dfsim/busybox:1.35 sha256:"), out.toString());
        out = new StringWriter();
        err = new StringWriter();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private int run(String... args) {
        return Dfsim.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    /** The last line on stderr (progress lines come before it). */
    private String lastErrorLine() {
        String[] lines = err.toString().strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void pullStoresTheImageUnderItsFullName() {
        Path store = tmp.resolve("store");
        assertEquals(0, run("pull", "--store", store.toString(), registry.host() + "/dfsim/busybox:1.35"), err.toString());
        assertTrue(out.toString().startsWith(registry.host() + "/dfsim/busybox:1.35 sha256:"), out.toString());
        out = new StringWriter();
        assertEquals(0, run("images", "--store", store.toString()));
        assertTrue(out.toString().contains(registry.host() + "/dfsim/busybox:1.35"), out.toString());
    }

    @Test
    void unknownTagIsOneClearLineAndExit1() {
        assertEquals(1, run("pull", "--store", tmp.resolve("s").toString(), registry.host() + "/dfsim/busybox:nope"));
        assertEquals("dfsim: image not found: " + registry.host() + "/dfsim/busybox:nope (MANIFEST_UNKNOWN: manifest unknown)",
                lastErrorLine());
    }

    @Test
    void unreachableRegistryIsOneClearLineAndExit1() throws Exception {
        int port = RegistryServer.freePort();
        assertEquals(1, run("pull", "--store", tmp.resolve("s").toString(), "127.0.0.1:" + port + "/dfsim/busybox:1"));
        assertEquals("dfsim: cannot reach registry 127.0.0.1:" + port + ": connection refused (http)", lastErrorLine());
        assertTrue(!err.toString().contains("Exception"), err.toString());
    }

    @Test
    void badReferenceIsAUsageError() {
        assertEquals(2, run("pull", "--store", tmp.resolve("s").toString(), "Busybox/UPPER"));
        assertEquals("dfsim: invalid image reference 'Busybox/UPPER': repository name must be lowercase",
                lastErrorLine());
    }

    @Test
    void buildPullsAFromImageThatIsOnlyInTheRegistry() throws Exception {
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"),
                "FROM " + registry.host() + "/dfsim/busybox:1.35\nRUN echo built > /built.txt\n");
        Path store = tmp.resolve("build-store");
        assertEquals(2, run("build", "--pull=never", "--store", store.toString(), "-t", "localhost/app:1",
                context.toString()));
        assertTrue(lastErrorLine().contains("is not in the local store") && lastErrorLine().contains("--pull=never"),
                lastErrorLine());
        err = new StringWriter();
        assertEquals(0, run("build", "--store", store.toString(), "-t", "localhost/app:1", context.toString()),
                err.toString());
        assertTrue(err.toString().contains("pulling " + registry.host() + "/dfsim/busybox:1.35"), err.toString());
        ImageStore s = ImageStore.open(store);
        assertEquals(2, s.image("localhost/app:1").manifest().layers().size(), "busybox + the RUN layer");
        assertEquals(s.image(registry.host() + "/dfsim/busybox:1.35").manifest().layers().get(0),
                s.image("localhost/app:1").manifest().layers().get(0));
    }
}
