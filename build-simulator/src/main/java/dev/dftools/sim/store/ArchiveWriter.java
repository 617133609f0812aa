package dev.dftools.sim.store;

import dev.dftools.sim.layer.GoTarWriter;
import dev.dftools.sim.layer.TarEntry;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an export archive (OCI or docker) with fixed owner, modes and mtime so exports are reproducible. */
final class ArchiveWriter implements Closeable {
    private final GoTarWriter tar;

    ArchiveWriter(Path out) throws IOException {
        this.tar = new GoTarWriter(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16));
    }

    void dir(String name) throws IOException {
        tar.write(TarEntry.directory(name, 0755, 0));
    }

    void file(String name, byte[] content) throws IOException {
        tar.write(TarEntry.file(name, 0644, content.length, 0), new ByteArrayInputStream(content));
    }

    void file(String name, Path content) throws IOException {
        try (InputStream in = Files.newInputStream(content)) {
            tar.write(TarEntry.file(name, 0644, Files.size(content), 0), in);
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
