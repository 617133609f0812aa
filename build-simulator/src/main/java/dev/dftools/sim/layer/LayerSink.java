package dev.dftools.sim.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Writes a layer in one pass: the tar is hashed (diffId), gzipped, hashed again (blob digest) and
 * stored; the plain tar is kept too when asked. java.util.zip's gzip header has mtime 0, so the
 * blob is as reproducible as the tar.
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
     * The tar is written on the calling thread while another thread gzips it; both streams are
     * hashed by {@link Sha256Sink} (the host's sha256 tool when there is one). Under the client
     * compiler the JDK's SHA-256 and deflate cost ~13-30 ms per MiB each: the work overlaps on a
     * second core.
     */
    private static LayerDescriptor sink(Writer writer, Path gzipOut, @Nullable Path tarOut) throws LayerException {
        try (Sha256Sink tarSha = Sha256Sink.open();
                Sha256Sink gzSha = Sha256Sink.open();
                OutputStream gzFile = Files.newOutputStream(gzipOut);
                CountingOutputStream gzCount = new CountingOutputStream(new TeeOutputStream(gzFile, gzSha));
                GZIPOutputStream gz = new GZIPOutputStream(gzCount, 1 << 16);
                BackgroundOutputStream gzInBackground = new BackgroundOutputStream(gz, "dfsim-gzip");
                OutputStream plain = tarOut == null ? OutputStream.nullOutputStream() : Files.newOutputStream(tarOut);
                CountingOutputStream tar = new CountingOutputStream(
                        new TeeOutputStream(new TeeOutputStream(gzInBackground, plain), tarSha))) {
            List<LayerFile> files = writer.writeTo(tar);
            tar.flush();
            gzInBackground.finish(); // waits for the gzip thread to write everything
            gz.finish();
            gz.flush();
            return new LayerDescriptor(tarSha.finish(), tar.count(), gzSha.finish(), gzCount.count(), files);
        } catch (IOException e) {
            throw new LayerException("cannot write layer " + gzipOut + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LayerException("interrupted while writing layer " + gzipOut, e);
        }
    }

    /**
     * Hands what is written, in chunks, to a thread that writes it to {@code out}; its first
     * failure comes back on a later write or on {@link #finish}. Closing does not close {@code out}.
     */
    private static final class BackgroundOutputStream extends OutputStream {
        private static final int CHUNK = 1 << 18;
        private static final byte[] END = new byte[0];

        private final java.util.concurrent.BlockingQueue<byte[]> queue = new java.util.concurrent.ArrayBlockingQueue<>(8);
        private final Thread worker;
        private volatile @Nullable IOException failure;
        private byte[] chunk = new byte[CHUNK];
        private int filled;
        private boolean finished;

        BackgroundOutputStream(OutputStream out, String name) {
            worker = new Thread(() -> {
                try {
                    for (byte[] b = queue.take(); b != END; b = queue.take()) {
                        if (failure == null) {
                            out.write(b);
                        }
                    }
                } catch (IOException e) {
                    failure = e;
                    queue.clear(); // unblock the writer; it sees the failure on its next chunk
                } catch (InterruptedException e) {
                    failure = new java.io.InterruptedIOException("gzip thread interrupted");
                }
            }, name);
            worker.setDaemon(true);
            worker.start();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - filled);
                System.arraycopy(buf, off, chunk, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == CHUNK) {
                    hand(chunk);
                    chunk = new byte[CHUNK];
                    filled = 0;
                }
            }
        }

        private void hand(byte[] b) throws IOException {
            IOException f = failure;
            if (f != null) {
                throw f;
            }
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (failure != null || !worker.isAlive()) {
                        throw failure != null ? failure : new IOException("the gzip thread stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing a layer");
            }
        }

        /** Writes what is buffered and waits until the thread has written everything. */
        void finish() throws IOException, InterruptedException {
            if (finished) {
                return;
            }
            finished = true;
            if (filled > 0) {
                hand(java.util.Arrays.copyOf(chunk, filled));
                filled = 0;
            }
            hand(END);
            worker.join();
            IOException f = failure;
            if (f != null) {
                throw f;
            }
        }

        // flushing only makes sense at the end (finish); closing after a failure stops the thread
        // and waits for it, so that the gzip stream is never closed while it writes (also when
        // finish itself was interrupted before it could hand over the end: the thread still waits)
        @Override
        public void close() {
            finished = true;
            if (worker.isAlive()) {
                worker.interrupt();
            }
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
