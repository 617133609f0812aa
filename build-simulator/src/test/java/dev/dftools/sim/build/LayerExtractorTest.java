package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerExtractorTest {
    @TempDir
    Path tmp;

    private Path tar(String... namesAndTypes) throws IOException {
        Path t = tmp.resolve("t" + System.nanoTime() + ".tar");
        try (OutputStream out = Files.newOutputStream(t); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String spec : namesAndTypes) {
                TarArchiveEntry e;
                if (spec.startsWith("L:")) {
                    String[] p = spec.substring(2).split(">");
                    e = new TarArchiveEntry(p[0], TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(p[1]);
                    tar.putArchiveEntry(e);
                } else if (spec.endsWith("/")) {
                    e = new TarArchiveEntry(spec);
                    tar.putArchiveEntry(e);
                } else {
                    e = new TarArchiveEntry(spec, true);
                    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
                    e.setSize(data.length);
                    e.setMode(0100644);
                    tar.putArchiveEntry(e);
                    tar.write(data);
                }
                tar.closeArchiveEntry();
            }
        }
        return t;
    }

    @Test
    void extractsFilesDirsAndLinks() throws IOException {
        Path out = tmp.resolve("out");
        LayerExtractor.extract(tar("./", "./etc/", "./etc/a", "L:./bin>usr/bin"), out);
        assertEquals("x", Files.readString(out.resolve("etc/a")));
        assertTrue(Files.isSymbolicLink(out.resolve("bin")));
    }

    /** A hard link entry {@code name} to {@code target}. */
    private Path hardlinkTar(String name, String target) throws IOException {
        Path t = tmp.resolve("h" + System.nanoTime() + ".tar");
        try (OutputStream out = Files.newOutputStream(t); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        return t;
    }

    @Test
    void noEscapingEntryTouchesAHostFile() throws Exception {
        // the host file an evil layer (or ADD archive) aims at, next to the target dir
        Path canary = tmp.resolve("canary.txt");
        Files.writeString(canary, "host canary\n");
        String before = sha256(canary);
        Path out = tmp.resolve("rootfs");
        String abs = canary.toString();
        List<Path> evil = List.of(
                tar("../canary.txt"),
                tar("a/../../canary.txt"),
                tar(abs),
                tar("L:up>" + tmp, "up/canary.txt"),             // write through a symlinked parent
                tar("L:up>..", "up/canary.txt"),
                tar("L:f>" + abs, "f"),                          // a file replacing a symlink to the canary
                hardlinkTar("h", "../canary.txt"),               // hard link to a file outside
                hardlinkTar("h", abs));
        for (Path t : evil) {
            try {
                LayerExtractor.extract(t, out);
            } catch (IOException refused) {
                assertTrue(refused.getMessage().startsWith("refusing tar entry"), refused.getMessage());
            }
        }
        assertEquals(before, sha256(canary), "the host file changed");
        try (var s = Files.list(tmp)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tar")).sorted().toList();
            assertEquals(List.of("canary.txt", "rootfs"), names, "nothing appeared next to the target dir");
        }
        try (var s = Files.walk(out)) {
            assertEquals(List.of("f", "up"), s.filter(p -> !p.equals(out)).map(p -> out.relativize(p).toString())
                    .sorted().toList(), "only the harmless entries were extracted");
        }
        assertEquals("x", Files.readString(out.resolve("f")), "the file replaced the symlink, not its target");
        assertFalse(Files.exists(out.resolve("h")), "no hard link to an outside file");
    }

    private static String sha256(Path p) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(p)));
    }

    @Test
    void refusesEscapingEntries() throws IOException {
        Path out = tmp.resolve("out2");
        IOException dotdot = assertThrows(IOException.class, () -> LayerExtractor.extract(tar("a/../../evil"), out));
        assertTrue(dotdot.getMessage().contains(".."), dotdot.getMessage());
        assertFalse(Files.exists(tmp.resolve("evil")));
        IOException abs = assertThrows(IOException.class, () -> LayerExtractor.extract(tar("/etc/evil"), out));
        assertTrue(abs.getMessage().contains("absolute"), abs.getMessage());
        IOException viaLink = assertThrows(IOException.class,
                () -> LayerExtractor.extract(tar("L:up>/tmp", "up/evil"), tmp.resolve("out3")));
        assertTrue(viaLink.getMessage().contains("symlink"), viaLink.getMessage());
    }

    /** Devices and FIFOs get their times by path: Java opens the file to set them, which a device can refuse. */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void extractsAFifoWithItsTimeWithoutOpeningIt() throws IOException {
        Path t = tmp.resolve("fifo.tar");
        try (OutputStream out = Files.newOutputStream(t); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("run/initctl", TarArchiveEntry.LF_FIFO);
            e.setMode(010600);
            e.setModTime(1_700_000_000_000L);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        Path out = tmp.resolve("out-fifo");
        LayerExtractor.extract(t, out);
        Path fifo = out.resolve("run/initctl");
        assertTrue(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS), "a FIFO, not a file");
        assertEquals(1_700_000_000_000L, Files.getLastModifiedTime(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                .toMillis());
        assertEquals(0600, (Integer) Files.getAttribute(fifo, "unix:mode") & 07777);
    }
}
