package dev.dftools.sim.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The host's sha256 tool, when dfsim uses one (streams from TOOL_THRESHOLD bytes), gives the JDK's digests. */
class Sha256SinkTest {
    private static Digest hash(Sha256Sink sink, byte[] data) throws Exception {
        try (sink) {
            int off = 0;
            Random chunks = new Random(7);
            while (off < data.length) { // writes of all sizes, like the tar writer's
                int n = Math.min(data.length - off, 1 + chunks.nextInt(100_000));
                sink.write(data, off, n);
                off += n;
            }
            if (data.length > 0) {
                sink.write(data[0]);
            }
            return sink.finish();
        }
    }

    @Test
    void theSameDigestAsTheJdk() throws Exception {
        for (int size : new int[] {0, 1, 63, 64, 65_537, Sha256Sink.TOOL_THRESHOLD - 1, Sha256Sink.TOOL_THRESHOLD,
                Sha256Sink.TOOL_THRESHOLD + 1, 3 * 1024 * 1024 + 5}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            assertEquals(hash(Sha256Sink.inJava(), data), hash(Sha256Sink.open(), data), "size " + size);
        }
    }

    @Test
    void anEmptyStreamHasTheEmptyDigest() throws Exception {
        assertEquals(Digest.of(new byte[0]), Sha256Sink.open().finish());
    }
}
