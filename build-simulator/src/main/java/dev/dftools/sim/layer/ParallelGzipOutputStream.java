package dev.dftools.sim.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A gzip stream (RFC 1952, one member, mtime 0) whose deflate work runs on every core, the way
 * pigz does it: the input is cut into 128 KiB blocks, each compressed at {@link #LEVEL} by its own
 * {@link Deflater} with the 32 KiB before it as preset dictionary, ending in a sync flush (the
 * last one in the final block), and the raw outputs are written in order. Each block still sees
 * the whole 32 KiB window behind it, so the size stays within a fraction of a percent of a
 * single-threaded gzip at the same level (a sync flush adds 5 bytes a block; fresh Huffman tables
 * per block win about that back); the output depends on the bytes only, never on the threads'
 * timing. Everything written goes out on the calling thread.
 */
public final class ParallelGzipOutputStream extends OutputStream {
    static final int BLOCK = 128 * 1024;
    private static final int WINDOW = 32 * 1024;
    /**
     * zlib level 3, not 6: the size is meant to be what a push costs, and the blobs {@code buildah
     * push} writes (Go's deflate) are 5-7% larger than zlib's level 6 on binaries; level 3 is as
     * close to them (docs/dfsim.md has the figures) at half the CPU.
     */
    static final int LEVEL = 3;
    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "dfsim-gzip");
        t.setDaemon(true);
        return t;
    });
    /** Blocks compressing or compressed but not yet written: bounds memory (2 x 128 KiB each at worst). */
    private static final int IN_FLIGHT = 2 * THREADS;

    private final OutputStream out;
    private final CRC32 crc = new CRC32();
    private final Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK];
    private int filled;
    private byte @Nullable [] window;
    private long total;
    private boolean finished;

    public ParallelGzipOutputStream(OutputStream out) throws IOException {
        this.out = out;
        // magic, deflate, no flags, mtime 0, no extra flags, OS unknown
        out.write(new byte[] {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the gzip stream is finished");
        }
        crc.update(buf, off, len);
        total += len;
        while (len > 0) {
            int n = Math.min(len, BLOCK - filled);
            System.arraycopy(buf, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == BLOCK) {
                submit(false);
            }
        }
    }

    /** Compresses what is left, writes every block and the trailer (CRC-32, size mod 2^32); does not close {@code out}. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        submit(true);
        finished = true;
        while (!inFlight.isEmpty()) {
            writeHead();
        }
        long crcValue = crc.getValue();
        out.write(new byte[] {(byte) crcValue, (byte) (crcValue >> 8), (byte) (crcValue >> 16), (byte) (crcValue >> 24),
                (byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24)});
    }

    private void submit(boolean last) throws IOException {
        byte[] data = block;
        int len = filled;
        byte[] dictionary = window;
        // the next block's dictionary: the last 32 KiB of the input so far (blocks but the last are full)
        window = len >= WINDOW ? Arrays.copyOfRange(data, len - WINDOW, len) : null;
        block = new byte[BLOCK];
        filled = 0;
        inFlight.add(POOL.submit(() -> deflate(data, len, dictionary, last)));
        while (inFlight.size() > IN_FLIGHT || !inFlight.isEmpty() && inFlight.peek().isDone()) {
            writeHead();
        }
    }

    private void writeHead() throws IOException {
        Future<byte[]> head = inFlight.remove();
        try {
            out.write(head.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing a layer");
        } catch (ExecutionException e) {
            throw new IOException("gzip failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static byte[] deflate(byte[] data, int len, byte @Nullable [] dictionary, boolean last) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            if (dictionary != null) {
                deflater.setDictionary(dictionary);
            }
            deflater.setInput(data, 0, len);
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(len / 2 + 64);
            byte[] buf = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    compressed.write(buf, 0, deflater.deflate(buf));
                }
            } else {
                int n;
                do { // a full buffer means there may be more (Deflater#deflate's contract for SYNC_FLUSH)
                    n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    compressed.write(buf, 0, n);
                } while (n == buf.length);
            }
            return compressed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Gives up what is still compressing (the pool's tasks touch no file); does not close {@code out}. */
    @Override
    public void close() {
        finished = true;
        inFlight.forEach(f -> f.cancel(false));
        inFlight.clear();
    }
}
