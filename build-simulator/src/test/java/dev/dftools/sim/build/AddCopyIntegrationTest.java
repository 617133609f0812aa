package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.store.ImageStore;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADD (archives, URLs) and COPY (--from=IMAGE, --exclude, --parents, --chown names, --link) without a
 * sandbox: a tiny rootfs with /etc/passwd is the base. Needs root for the owners it sets.
 */
class AddCopyIntegrationTest {
    @TempDir
    Path tmp;

    private ImageStore store;
    private Path context;
    private HttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to set file owners");
        store = ImageStore.open(tmp.resolve("store"));
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
        Files.writeString(rootfs.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1234:4321::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("group"), "root:x:0:\nstaff:x:50:\n");
        Files.writeString(rootfs.resolve("motd"), "hello from the base\n");
        store.importRootfs(tmp.resolve("rootfs"), "localhost/base:1");
        context = Files.createDirectories(tmp.resolve("ctx"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private Builder.Result build(String dockerfile, Network network) throws Exception {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        var plan = Planner.plan(Dockerfiles.parse(dockerfile), PlanOptions.defaults("Dockerfile"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile", "localhost/t:1",
                network, true));
    }

    private record Entry(String content, int mode, long uid, long gid, long mtime) {}

    private Map<String, Entry> layer(Builder.Result result, int index) throws Exception {
        Digest d = result.image().manifest().layers().get(index).blobDigest();
        Map<String, Entry> files = new LinkedHashMap<>();
        try (InputStream in = TarFiles.open(store.verifiedBlob(d)); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String content = e.isDirectory() ? "<dir>" : e.isSymbolicLink() ? "-> " + e.getLinkName()
                        : new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                files.put(e.getName().replaceAll("/$", ""), new Entry(content, e.getMode() & 07777, e.getLongUserId(),
                        e.getLongGroupId(), e.getModTime().toInstant().getEpochSecond()));
            }
        }
        return files;
    }

    private Path tar(String name, String compressor, Map<String, String> files) throws Exception {
        Path out = context.resolve(name);
        try (OutputStream raw = Files.newOutputStream(out);
                OutputStream comp = compressor == null ? raw
                        : new CompressorStreamFactory().createCompressorOutputStream(compressor, raw);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(comp)) {
            for (var f : files.entrySet()) {
                byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(data.length);
                e.setMode(0640);
                e.setIds(7, 8);
                e.setModTime(1_000_000_000_000L);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    @Test
    void addUnpacksLocalArchivesOfEveryCompressionAndContainsAbsoluteNames() throws Exception {
        tar("plain.tar", null, Map.of("p/one.txt", "1"));
        tar("gz.tgz", CompressorStreamFactory.GZIP, Map.of("g.txt", "2"));
        tar("bz.tar.bz2", CompressorStreamFactory.BZIP2, Map.of("b.txt", "3"));
        tar("xz.tar.xz", CompressorStreamFactory.XZ, Map.of("/abs/x.txt", "4"));
        Files.writeString(context.resolve("not-a-tar.tar.gz"), "just text");
        Builder.Result r = build("FROM localhost/base:1\nADD plain.tar gz.tgz bz.tar.bz2 xz.tar.xz /opt/\n"
                + "ADD not-a-tar.tar.gz /opt/\nADD --chown=app:staff --chmod=600 plain.tar /srv\n", Network.NONE);
        Map<String, Entry> l = layer(r, 1);
        assertEquals(new Entry("1", 0640, 7, 8, 1_000_000_000L), l.get("opt/p/one.txt"), "archive owner, mode, mtime");
        assertEquals("2", l.get("opt/g.txt").content());
        assertEquals("3", l.get("opt/b.txt").content());
        assertEquals("4", l.get("opt/abs/x.txt").content(), "an absolute name stays inside the destination");
        assertEquals("just text", layer(r, 2).get("opt/not-a-tar.tar.gz").content(), "recognised by content, not name");
        Entry chowned = layer(r, 3).get("srv/p/one.txt");
        assertEquals(List.of(1234L, 50L, 0600), List.of(chowned.uid(), chowned.gid(), chowned.mode()));
    }

    @Test
    void addRefusesAnArchiveEntryThatClimbsOut() throws Exception {
        tar("evil.tar", null, Map.of("../../escape.txt", "x"));
        BuildException e = assertThrows(BuildException.class, () -> build("FROM localhost/base:1\nADD evil.tar /opt/\n",
                Network.NONE));
        assertTrue(e.getMessage().startsWith("Dockerfile:2: ADD evil.tar: evil.tar: entry \"../../escape.txt\" is outside"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("escape.txt")));
    }

    @Test
    void addDownloadsUrlsWithLastModifiedAndChecksum() throws Exception {
        byte[] body = "downloaded bytes\n".getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/tool.tar.gz", x -> {
            x.getResponseHeaders().add("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/missing", x -> {
            x.sendResponseHeaders(404, -1);
            x.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String good = Digest.of(body).toString();
        Builder.Result r = build("FROM localhost/base:1\nADD --checksum=" + good + " " + base + "/files/tool.tar.gz /dl/\n"
                + "ADD --chown=1234 --chmod=644 " + base + "/files/tool.tar.gz /dl/renamed\n", Network.HOST);
        Entry e = layer(r, 1).get("dl/tool.tar.gz");
        assertEquals(new Entry("downloaded bytes\n", 0600, 0, 0, 1445412480L), e, "0600, mtime = Last-Modified, not unpacked");
        Entry renamed = layer(r, 2).get("dl/renamed");
        assertEquals(List.of(1234L, 1234L, 0644), List.of(renamed.uid(), renamed.gid(), renamed.mode()));

        String bad = "sha256:" + "0".repeat(64);
        BuildException mismatch = assertThrows(BuildException.class, () -> build("FROM localhost/base:1\nADD --checksum="
                + bad + " " + base + "/files/tool.tar.gz /dl/\n", Network.HOST));
        assertTrue(mismatch.getMessage().contains("digest mismatch") && mismatch.getMessage().contains(good),
                mismatch.getMessage());
        BuildException missing = assertThrows(BuildException.class,
                () -> build("FROM localhost/base:1\nADD " + base + "/missing /dl/\n", Network.HOST));
        assertTrue(missing.getMessage().contains("invalid response status 404"), missing.getMessage());
        BuildException offline = assertThrows(BuildException.class,
                () -> build("FROM localhost/base:1\nADD " + base + "/files/tool.tar.gz /dl/\n", Network.NONE));
        assertTrue(offline.getMessage().contains("--network none"), offline.getMessage());
    }

    @Test
    void copyFromAnImageExcludeParentsAndLink() throws Exception {
        Files.createDirectories(context.resolve("src/a/b"));
        Files.writeString(context.resolve("src/a/b/keep.txt"), "k");
        Files.writeString(context.resolve("src/a/b/drop.md"), "d");
        Builder.Result r = build("FROM localhost/base:1\n"
                + "COPY --from=localhost/base:1 /etc/motd /copied/\n"
                + "COPY --exclude=*.md --exclude=**/*.md src /tree/\n"
                + "COPY --parents src/a/b/keep.txt /p/\n"
                + "COPY --parents ./src/./a/b/keep.txt /q/\n"
                + "COPY --link --chown=app src/a/b/keep.txt /linked\n", Network.NONE);
        assertEquals("hello from the base\n", layer(r, 1).get("copied/motd").content());
        Map<String, Entry> tree = layer(r, 2);
        assertTrue(tree.containsKey("tree/a/b/keep.txt"), tree.keySet().toString());
        assertFalse(tree.containsKey("tree/a/b/drop.md"), tree.keySet().toString());
        assertTrue(layer(r, 3).containsKey("p/src/a/b/keep.txt"), layer(r, 3).keySet().toString());
        assertTrue(layer(r, 4).containsKey("q/a/b/keep.txt"), layer(r, 4).keySet().toString());
        Entry linked = layer(r, 5).get("linked");
        assertEquals(List.of("k", 1234L, 1234L), List.of(linked.content(), linked.uid(), linked.gid()));
        assertEquals("COPY --chown=app src/a/b/keep.txt /linked # buildkit",
                r.image().config().history().get(5).createdBy());
        BuildException e = assertThrows(BuildException.class,
                () -> build("FROM scratch\nCOPY --from=localhost/nope:1 /x /y\n", Network.NONE));
        assertTrue(e.getMessage().contains("Dockerfile:2: --from=localhost/nope:1: not a stage"), e.getMessage());
    }
}
