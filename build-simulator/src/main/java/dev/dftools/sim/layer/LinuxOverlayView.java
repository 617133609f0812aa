package dev.dftools.sim.layer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.concurrent.TimeUnit;

/**
 * Reads overlayfs markers on Linux. Java can read only {@code user.*} xattrs, so the
 * {@code trusted.overlay.opaque} of a root overlay is read with {@code getfattr} when installed.
 */
public final class LinuxOverlayView implements OverlayView {
    private final boolean useGetfattr;

    public LinuxOverlayView(boolean useGetfattr) {
        this.useGetfattr = useGetfattr;
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
        return useGetfattr && trustedOpaque(dir);
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
