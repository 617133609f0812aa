package dev.dftools.sim.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLayerTest {
    @TempDir Path tmp;

    @Test
    void oneMebibyteFileIsTheReferenceSize() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.write(root.resolve("big"), new byte[1 << 20]);
        LayerDescriptor d = write(DirectoryLayer.plain(root), "a");
        assertEquals(1_050_112, d.size()); // 512 + 1,048,576 + 1,024 (build-sandbox.md §5)
        assertEquals(d.size(), Files.size(tmp.resolve("a.tar")));
        assertEquals(d.diffId(), Digest.of(tmp.resolve("a.tar")));
        assertEquals(d.digest(), Digest.of(tmp.resolve("a.tar.gz")));
        assertEquals(d.compressedSize(), Files.size(tmp.resolve("a.tar.gz")));
    }

    @Test
    void treeEntriesSortedWithDirsSlashedAndLinks() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("b/c"));
        Files.writeString(root.resolve("b/c/x"), "hello");
        Files.writeString(root.resolve("a"), "1");
        Files.createLink(root.resolve("b/hard"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("b/link"), Path.of("../a"));
        write(DirectoryLayer.plain(root), "t");
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tmp.resolve("t.tar")))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName() + (e.isLink() ? " link " + e.getLinkName() : "")
                        + (e.isSymbolicLink() ? " sym " + e.getLinkName() : ""));
            }
        }
        assertEquals(List.of("a", "b/", "b/c/", "b/c/x", "b/hard link a", "b/link sym ../a"), names);
        // 6 headers + 2 data blocks + trailer
        assertEquals(6 * 512 + 2 * 512 + 1024, Files.size(tmp.resolve("t.tar")));
    }

    @Test
    void headerBytesAreGoFormatted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GoTarWriter w = new GoTarWriter(out)) {
            w.write(new TarEntry("a", EntryType.FILE, 0100644, 0, 0, 1, 1_700_000_000L, "", 0, 0),
                    new ByteArrayInputStream(new byte[] {'x'}));
        }
        byte[] b = out.toByteArray();
        assertEquals(512 + 512 + 1024, b.length);
        assertEquals("0100644\0", ascii(b, 100, 8));
        assertEquals("0000000\0", ascii(b, 108, 8));
        assertEquals("00000000001\0", ascii(b, 124, 12));
        assertEquals(Long.toOctalString(1_700_000_000L) + "\0", ascii(b, 136, 12));
        assertEquals("ustar\0" + "00", ascii(b, 257, 8));
        assertEquals("0000000\0", ascii(b, 329, 8));
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : b[i] & 0xff;
        }
        assertEquals(String.format("%06o", sum) + "\0 ", ascii(b, 148, 8));
    }

    @Test
    void longPathsUsePrefixAndPaxOnlyWhenNeeded() throws Exception {
        String splittable = "d".repeat(60) + "/" + "f".repeat(60); // 121 bytes: USTAR prefix/name
        String unsplittable = "g".repeat(120);                      // one component: PAX path
        String hundred = "h".repeat(100);                             // fits the name field exactly
        for (String name : List.of(splittable, unsplittable, hundred)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GoTarWriter w = new GoTarWriter(out)) {
                w.write(TarEntry.file(name, 0644, 0, 0));
            }
            long expected = 512 + 1024 + (name.equals(unsplittable) ? 1024 : 0);
            assertEquals(expected, out.size(), name);
            assertEquals(expected, GoTarWriter.entrySize(TarEntry.file(name, 0644, 0, 0)) + 1024);
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                assertEquals(name, in.getNextEntry().getName());
            }
        }
    }

    @Test
    void paxRecordLengthCountsItsOwnDigits() {
        // "path=" + 93 chars: 3 + 4 + 93 = 100, plus 3 digits = 103
        byte[] data = GoTarWriter.paxData(new java.util.TreeMap<>(java.util.Map.of("path", "p".repeat(93))));
        String s = new String(data, StandardCharsets.UTF_8);
        assertEquals(103, data.length);
        assertTrue(s.startsWith("103 path="), s);
    }

    @Test
    void sameTreeSameDigestTwice() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/conf"), "k=v\n");
        LayerDescriptor a = write(DirectoryLayer.plain(root), "one");
        LayerDescriptor b = write(DirectoryLayer.plain(root), "two");
        assertEquals(a.diffId(), b.diffId());
        assertEquals(a.digest(), b.digest());
        Files.setLastModifiedTime(root.resolve("etc/conf"), FileTime.fromMillis(0));
        assertNotEquals(a.diffId(), write(DirectoryLayer.plain(root), "three").diffId());
    }

    @Test
    void whiteoutsOpaqueDirsAndExclusions() throws Exception {
        Path lower = Files.createDirectories(tmp.resolve("lower"));
        Files.createDirectories(lower.resolve("shadowed"));
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.createDirectories(upper.resolve("shadowed"));
        Files.createDirectories(upper.resolve("renamed-new"));
        Files.createDirectories(upper.resolve("dev"));
        Files.writeString(upper.resolve("dev/null"), "");
        Files.writeString(upper.resolve("gone"), "");
        // an injected view: "gone" is a whiteout, both dirs carry the opaque flag
        OverlayView fake = new OverlayView() {
            @Override
            public boolean isWhiteout(Path p) {
                return p.getFileName().toString().equals("gone");
            }

            @Override
            public boolean isOpaque(Path d) {
                return d.getFileName().toString().matches("shadowed|renamed-new");
            }
        };
        // the fake whiteout is a regular file, so it only counts when the converter sees a char device:
        // check the opaque and exclusion logic here, the whiteout path with a real device below
        LayerDescriptor d = write(new DirectoryLayer(upper, fake, List.of(lower), Set.of("dev/null")), "w");
        List<String> paths = d.files().stream().map(f -> f.path() + ":" + f.kind()).toList();
        assertEquals(List.of("dev:DIRECTORY", "gone:FILE", "renamed-new:DIRECTORY", "shadowed:DIRECTORY",
                "shadowed/.wh..wh..opq:OPAQUE"), paths);
    }

    @Test
    void realCharDeviceWhiteoutAndUserXattrOpaque() throws Exception {
        Path lower = Files.createDirectories(tmp.resolve("lower"));
        Files.createDirectories(lower.resolve("opq"));
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Path opq = Files.createDirectories(upper.resolve("opq"));
        UserDefinedFileAttributeView xattrs = Files.getFileAttributeView(opq, UserDefinedFileAttributeView.class);
        try {
            xattrs.write("overlay.opaque", ByteBuffer.wrap("y".getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("user xattrs not supported on " + tmp + ": " + e);
        }
        Process p = new ProcessBuilder("mknod", upper.resolve("gone").toString(), "c", "0", "0")
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "mknod c 0 0 needs root (CAP_MKNOD); whiteout case skipped");
        LayerDescriptor d = write(new DirectoryLayer(upper, new LinuxOverlayView(false), List.of(lower), Set.of()), "r");
        List<String> paths = d.files().stream().map(f -> f.path() + ":" + f.kind()).toList();
        assertEquals(List.of(".wh.gone:WHITEOUT", "opq:DIRECTORY", "opq/.wh..wh..opq:OPAQUE"), paths);
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tmp.resolve("r.tar")))) {
            TarArchiveEntry wh = in.getNextEntry();
            assertTrue(wh.isFile());
            assertEquals(0600, wh.getMode());
        }
        assertEquals(3 * 512 + 1024, d.size());
    }

    @Test
    void rootlessOwnersAreMappedBackToContainerIds() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("f"), "x");
        long hostUid = (Integer) Files.getAttribute(root.resolve("f"), "unix:uid");
        long hostGid = (Integer) Files.getAttribute(root.resolve("f"), "unix:gid");
        // pretend the file's host owner is the subuid for container uid 1000
        OwnerMap map = OwnerMap.rootless(-1, -1, hostUid - 999, 65536);
        write(new DirectoryLayer(root, OverlayView.NONE, List.of(), Set.of(), map), "m");
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tmp.resolve("m.tar")))) {
            TarArchiveEntry e = in.getNextEntry();
            assertEquals(1000, e.getLongUserId());
            assertEquals(hostGid == hostUid ? 1000 : 65534, e.getLongGroupId());
        }
        assertEquals(0, OwnerMap.rootless(1000, 1000, 100000, 65536).uid().applyAsLong(1000));
        assertEquals(999, OwnerMap.rootless(1000, 1000, 100000, 65536).uid().applyAsLong(100998));
    }

    private LayerDescriptor write(LayerSink.Body body, String name) throws LayerException {
        return LayerSink.write(body, tmp.resolve(name + ".tar.gz"), tmp.resolve(name + ".tar"));
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
