package dev.dftools.sim.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Reads overlayfs markers on Linux. Java can read only {@code user.*} xattrs, so the
 * {@code trusted.overlay.opaque} of a root overlay is read with {@code getfattr} when installed.
 */
public final class LinuxOverlayView implements OverlayView {
    private final boolean useGetfattr;
    /** The layer root whose trusted-opaque dirs are read in one go (on first use), or null. */
    private @Nullable Path scanRoot;
    private @Nullable Set<Path> trustedOpaqueDirs;

    public LinuxOverlayView(boolean useGetfattr) {
        this.useGetfattr = useGetfattr;
    }

    /** As above; {@code layerRoot}'s trusted-opaque dirs are read with one recursive getfattr. */
    public LinuxOverlayView(boolean useGetfattr, Path layerRoot) {
        this.useGetfattr = useGetfattr;
        this.scanRoot = layerRoot.toAbsolutePath().normalize();
    }

    @Override
    public boolean isWhiteout(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0170000) != 020000) {
            return false;
        }
        long rdev = (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        return rdev == 0;
    }

    @Override
    public boolean isOpaque(Path dir) throws IOException {
        UserDefinedFileAttributeView view =
                Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            try {
                if (view.list().contains("overlay.opaque")) {
                    ByteBuffer buf = ByteBuffer.allocate(view.size("overlay.opaque"));
                    view.read("overlay.opaque", buf);
                    if ("y".equals(new String(buf.array(), StandardCharsets.US_ASCII))) {
                        return true;
                    }
                }
            } catch (IOException | UnsupportedOperationException e) {
                // file system without user xattrs: fall through to trusted.*
            }
        }
        if (!useGetfattr) {
            return false;
        }
        // One getfattr per directory cost seconds on an apt layer (hundreds of dirs): read the
        // layer's whole tree with one recursive call instead.
        Path abs = dir.toAbsolutePath().normalize();
        Path root = scanRoot;
        if (root == null || !abs.startsWith(root)) {
            return trustedOpaque(dir);
        }
        Set<Path> opaque = trustedOpaqueDirs;
        if (opaque == null) {
            opaque = scanTrustedOpaque(root);
            trustedOpaqueDirs = opaque;
        }
        return opaque.contains(abs);
    }

    /** Every path below {@code root} whose trusted.overlay.opaque is "y"; empty without getfattr. */
    private static Set<Path> scanTrustedOpaque(Path root) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("getfattr", "-R", "-P", "-h", "--absolute-names", "-n", "trusted.overlay.opaque",
                    root.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return Set.of();
        }
        try {
            // exit 1 just means some files lack the attribute; the output lists those that have it
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            p.waitFor(60, TimeUnit.SECONDS);
            Set<Path> opaque = new HashSet<>();
            String file = null;
            for (String line : out.split("\n")) {
                if (line.startsWith("# file: ")) {
                    file = unescape(line.substring("# file: ".length()));
                } else if (file != null && line.equals("trusted.overlay.opaque=\"y\"")) {
                    opaque.add(Path.of(file));
                }
            }
            return opaque;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading xattrs below " + root, e);
        }
    }

    /** getfattr writes a name's backslash as \\ and unprintable bytes as \ooo; the name is UTF-8. */
    static String unescape(String latin1) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c == '\\' && isOctal(latin1, i + 1)) {
                bytes.write(Integer.parseInt(latin1.substring(i + 1, i + 4), 8));
                i += 3;
            } else if (c == '\\' && i + 1 < latin1.length() && latin1.charAt(i + 1) == '\\') {
                bytes.write('\\');
                i++;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private static boolean trustedOpaque(Path dir) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("getfattr", "--only-values", "-h", "-n", "trusted.overlay.opaque", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException notInstalled) {
            return false;
        }
        try {
            String value = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0 && value.equals("y");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading xattrs of " + dir, e);
        }
    }
}
