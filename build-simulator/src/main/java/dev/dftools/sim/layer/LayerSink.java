package dev.dftools.sim.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Writes a layer in one pass: the tar is hashed (diffId), gzipped, hashed again (blob digest) and
 * stored; the plain tar is kept too when asked. The gzip header has mtime 0 and the compressed
 * bytes depend on the tar's bytes only ({@link ParallelGzipOutputStream}), so the blob is as
 * reproducible as the tar.
 */
public final class LayerSink {
    /** The entries of one layer, written into the given writer. */
    @FunctionalInterface
    public interface Body {
        List<LayerFile> writeTo(GoTarWriter tar) throws IOException, LayerException;
    }

    private LayerSink() {}

    public static LayerDescriptor write(Body body, Path gzipOut, @Nullable Path tarOut) throws LayerException {
        return sink(out -> {
            GoTarWriter tar = new GoTarWriter(out);
            List<LayerFile> files = body.writeTo(tar);
            tar.finish();
            return files;
        }, gzipOut, tarOut);
    }

    /**
     * Takes an existing tar unchanged (as {@code docker import} does; a gzipped tar is unpacked
     * first) and lists its entries with commons-compress.
     */
    public static LayerDescriptor copy(Path tarFile, Path gzipOut) throws LayerException {
        LayerDescriptor d = sink(out -> {
            try (InputStream in = TarFiles.open(tarFile)) {
                in.transferTo(out);
            }
            return List.of();
        }, gzipOut, null);
        try (InputStream in = TarFiles.open(tarFile)) {
            return new LayerDescriptor(d.diffId(), d.size(), d.digest(), d.compressedSize(), TarFiles.list(in));
        } catch (IOException e) {
            throw new LayerException("not a readable tar: " + tarFile + ": " + e.getMessage(), e);
        }
    }

    private interface Writer {
        List<LayerFile> writeTo(OutputStream tar) throws IOException, LayerException;
    }

    /**
     * The tar is written on the calling thread and gzipped by {@link ParallelGzipOutputStream} on
     * every core; both streams are hashed by {@link Sha256Sink} (the host's sha256 tool when there
     * is one). Under the client compiler the JDK's SHA-256 costs ~13 ms per MiB and deflate at level
     * 6 ~30: neither runs on the calling thread.
     */
    private static LayerDescriptor sink(Writer writer, Path gzipOut, @Nullable Path tarOut) throws LayerException {
        try (Sha256Sink tarSha = Sha256Sink.open();
                Sha256Sink gzSha = Sha256Sink.open();
                OutputStream gzFile = Files.newOutputStream(gzipOut);
                CountingOutputStream gzCount = new CountingOutputStream(new TeeOutputStream(gzFile, gzSha));
                ParallelGzipOutputStream gz = new ParallelGzipOutputStream(gzCount);
                OutputStream plain = tarOut == null ? OutputStream.nullOutputStream() : Files.newOutputStream(tarOut);
                CountingOutputStream tar = new CountingOutputStream(
                        new TeeOutputStream(new TeeOutputStream(gz, plain), tarSha))) {
            List<LayerFile> files = writer.writeTo(tar);
            tar.flush();
            gz.finish();
            gzCount.flush();
            return new LayerDescriptor(tarSha.finish(), tar.count(), gzSha.finish(), gzCount.count(), files);
        } catch (IOException e) {
            throw new LayerException("cannot write layer " + gzipOut + ": " + e.getMessage(), e);
        }
    }

    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        // closing is left to the try-with-resources that opened a and b
        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        long count() {
            return count;
        }

        @Override
        public void write(int x) throws IOException {
            out.write(x);
            count++;
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
