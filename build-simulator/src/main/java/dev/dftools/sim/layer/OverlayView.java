package dev.dftools.sim.layer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How the converter recognises overlayfs markers. An interface so tests (and non-root runs that
 * cannot create 0/0 character devices) can inject markers; {@link LinuxOverlayView} reads the real ones.
 */
public interface OverlayView {
    /** True for an overlay whiteout: a 0/0 character device. */
    boolean isWhiteout(Path path) throws IOException;

    /** True for a directory marked opaque ({@code trusted.overlay.opaque=y} or {@code user.overlay.opaque=y}). */
    boolean isOpaque(Path dir) throws IOException;

    /** A plain directory tree (an imported rootfs): no overlay markers at all. */
    OverlayView NONE = new OverlayView() {
        @Override
        public boolean isWhiteout(Path path) {
            return false;
        }

        @Override
        public boolean isOpaque(Path dir) {
            return false;
        }
    };
}
