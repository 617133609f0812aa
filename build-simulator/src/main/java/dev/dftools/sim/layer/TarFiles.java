package dev.dftools.sim.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads existing tars (imported rootfs, pulled layers) with commons-compress. */
public final class TarFiles {
    private TarFiles() {}

    /** The tar's bytes, gunzipped when the file starts with the gzip magic. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GzipCompressorInputStream(in, true) : in;
    }

    /** The entries of a tar as the report lists them (whiteouts and opaque markers recognised). */
    public static List<LayerFile> list(InputStream tar) throws IOException {
        List<LayerFile> files = new ArrayList<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
            String path = e.getName();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.startsWith("./")) {
                path = path.substring(2);
            }
            String base = path.substring(path.lastIndexOf('/') + 1);
            LayerFile.Kind kind;
            if (base.equals(".wh..wh..opq")) {
                kind = LayerFile.Kind.OPAQUE;
            } else if (base.startsWith(".wh.")) {
                kind = LayerFile.Kind.WHITEOUT;
            } else if (e.isDirectory()) {
                kind = LayerFile.Kind.DIRECTORY;
            } else if (e.isSymbolicLink()) {
                kind = LayerFile.Kind.SYMLINK;
            } else if (e.isLink()) {
                kind = LayerFile.Kind.HARDLINK;
            } else if (e.isCharacterDevice() || e.isBlockDevice()) {
                kind = LayerFile.Kind.DEVICE;
            } else if (e.isFIFO()) {
                kind = LayerFile.Kind.FIFO;
            } else {
                kind = LayerFile.Kind.FILE;
            }
            if (!path.isEmpty() && !path.equals(".")) {
                files.add(new LayerFile(path, kind == LayerFile.Kind.FILE ? e.getSize() : 0, kind));
            }
        }
        return files;
    }
}
