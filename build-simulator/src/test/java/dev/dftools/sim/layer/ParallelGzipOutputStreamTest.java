package dev.dftools.sim.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class ParallelGzipOutputStreamTest {
    private static final int BLOCK = ParallelGzipOutputStream.BLOCK;

    private static byte[] gzip(byte[] data, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out)) {
            for (int off = 0; off < data.length; off += chunk) {
                gz.write(data, off, Math.min(chunk, data.length - off));
            }
            gz.finish();
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** Text that compresses like a layer of config files and scripts, with repeats across block borders. */
    private static byte[] text(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"apt", "lib", "usr/share/doc", "Package:", "Version:", "Depends:", "amd64", "\n", " ", "-dev"};
        StringBuilder b = new StringBuilder(size + 16);
        while (b.length() < size) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(50));
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void roundTripsAtBlockBordersAndForAnyWriteSize() throws IOException {
        Random r = new Random(7);
        for (int size : new int[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK + 123}) {
            byte[] random = new byte[size];
            r.nextBytes(random);
            byte[] text = text(size, size);
            for (int chunk : new int[] {1 + size / 3, 4096, 1 << 20}) {
                if (size > 1000 && chunk == 1) {
                    continue;
                }
                assertArrayEquals(random, gunzip(gzip(random, Math.max(1, chunk))), "random, " + size + " bytes");
                assertArrayEquals(text, gunzip(gzip(text, Math.max(1, chunk))), "text, " + size + " bytes");
            }
        }
    }

    @Test
    void theSameBytesGiveTheSameBlobWhateverTheWrites() throws IOException {
        byte[] data = text(3 * BLOCK + 999, 3);
        assertArrayEquals(gzip(data, 1 << 20), gzip(data, 1000));
    }

    @Test
    void theSizeIsWithinAFewBytesPerBlockOfSingleThreadedGzipAtTheSameLevel() throws IOException {
        byte[] data = text(40 * BLOCK, 11); // 5 MiB
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        Deflater level = new Deflater(ParallelGzipOutputStream.LEVEL, true);
        try (DeflaterOutputStream gz = new DeflaterOutputStream(single, level)) {
            gz.write(data);
        } finally {
            level.end();
        }
        int parallel = gzip(data, 1 << 16).length;
        int blocks = data.length / BLOCK + 1;
        assertTrue(Math.abs(parallel - single.size()) <= 16 * blocks,
                "parallel " + parallel + " bytes, single-threaded " + single.size() + " bytes, " + blocks + " blocks");
        assertTrue(parallel < data.length / 2, "it compresses: " + parallel + " of " + data.length);
    }
}
