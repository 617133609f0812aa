package dev.dftools.sim.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxOverlayViewTest {
    @TempDir
    Path tmp;

    @Test
    void unescapesGetfattrNames() {
        assertEquals("n\nl", LinuxOverlayView.unescape("n\\012l"));
        assertEquals("back\\slash", LinuxOverlayView.unescape("back\\134slash"));
        String utf8AsLatin1 = new String("é".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("dir/é", LinuxOverlayView.unescape("dir/" + utf8AsLatin1));
        assertEquals("a b", LinuxOverlayView.unescape("a b"));
    }

    /** The one recursive read finds the same trusted.overlay.opaque dirs as one getfattr per dir. */
    @Test
    void readsTrustedOpaqueDirsOfATreeInOneGo() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/getfattr"))
                && Files.isExecutable(Path.of("/usr/bin/setfattr")), "getfattr/setfattr (package attr) not installed");
        Path root = Files.createDirectories(tmp.resolve("upper"));
        List<Path> opaque = List.of(root.resolve("usr/share/doc/curl"), root.resolve("n\nl"), root.resolve("é x"));
        Path plain = Files.createDirectories(root.resolve("usr/share/man"));
        for (Path d : opaque) {
            Files.createDirectories(d);
            Process p = new ProcessBuilder("setfattr", "-n", "trusted.overlay.opaque", "-v", "y", d.toString())
                    .redirectErrorStream(true).start();
            p.waitFor(10, TimeUnit.SECONDS);
            Assumptions.assumeTrue(p.exitValue() == 0, "cannot set trusted.* xattrs here (needs root)");
        }
        for (LinuxOverlayView view : List.of(new LinuxOverlayView(true, root), new LinuxOverlayView(true))) {
            for (Path d : opaque) {
                assertTrue(view.isOpaque(d), d.toString());
            }
            assertFalse(view.isOpaque(plain));
            assertFalse(view.isOpaque(root.resolve("usr")));
            assertFalse(view.isOpaque(root));
        }
    }
}
