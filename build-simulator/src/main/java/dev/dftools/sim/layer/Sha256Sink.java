package dev.dftools.sim.layer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.jdt.annotation.Nullable;

/**
 * SHA-256 of what is written to it. Layers are hashed by the host's {@code openssl dgst -sha256}
 * (or {@code sha256sum}) reading a pipe when one is installed: dfsim's JVM runs the client compiler
 * only (fast start-up), which never uses the CPU's SHA instructions, so the JDK's SHA-256 costs
 * ~13 ms per MiB there, against ~1 ms for openssl and ~4 ms for sha256sum, and the tool hashes on
 * another core. Short streams, or without a tool (or with {@link #inJava}), the JDK's digest is used.
 */
public abstract class Sha256Sink extends OutputStream {

    private static final List<List<String>> TOOLS = List.of(
            List.of("openssl", "dgst", "-sha256", "-r"),
            List.of("sha256sum", "-b", "-"));
    private static final List<String> DIRS = List.of("/usr/bin", "/bin", "/usr/local/bin");
    private static volatile @Nullable Optional<List<String>> tool;

    /** The digest of everything written; the sink is closed. */
    public abstract Digest finish() throws IOException;

    /** Streams shorter than this are hashed in the JVM: starting a process costs more than they do. */
    static final int TOOL_THRESHOLD = 1 << 20;

    /**
     * A sink hashing with the host's tool when there is one and the stream reaches
     * {@link #TOOL_THRESHOLD} bytes, else in the JVM.
     */
    public static Sha256Sink open() {
        return new Adaptive();
    }

    private static @Nullable Sha256Sink external() {
        Optional<List<String>> t = tool;
        if (t == null) {
            t = findTool();
            tool = t;
        }
        if (t.isPresent()) {
            try {
                return new External(t.get());
            } catch (IOException e) {
                // could not start it: hash in the JVM
            }
        }
        return null;
    }

    /** Buffers the first {@link #TOOL_THRESHOLD} bytes; a longer stream goes to the tool. */
    private static final class Adaptive extends Sha256Sink {
        private byte[] head = new byte[8192];
        private int filled;
        private @Nullable Sha256Sink target;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Sha256Sink t = target;
            if (t != null) {
                t.write(b, off, len);
                return;
            }
            if (filled + len <= TOOL_THRESHOLD) {
                if (filled + len > head.length) {
                    head = java.util.Arrays.copyOf(head, Math.min(TOOL_THRESHOLD, Math.max(head.length * 2, filled + len)));
                }
                System.arraycopy(b, off, head, filled, len);
                filled += len;
                return;
            }
            Sha256Sink ext = external();
            t = ext != null ? ext : inJava();
            t.write(head, 0, filled);
            head = new byte[0];
            t.write(b, off, len);
            target = t;
        }

        @Override
        public Digest finish() throws IOException {
            Sha256Sink t = target;
            if (t != null) {
                return t.finish();
            }
            MessageDigest md = Digest.sha256();
            md.update(head, 0, filled);
            return Digest.of(md);
        }

        @Override
        public void close() throws IOException {
            Sha256Sink t = target;
            if (t != null) {
                t.close();
            }
        }
    }

    /** A sink hashing with the JDK's MessageDigest. */
    public static Sha256Sink inJava() {
        return new InJava();
    }

    private static Optional<List<String>> findTool() {
        for (List<String> argv : TOOLS) {
            for (String dir : DIRS) {
                Path p = Path.of(dir, argv.get(0));
                if (Files.isExecutable(p)) {
                    List<String> full = new java.util.ArrayList<>(argv);
                    full.set(0, p.toString());
                    if (works(full)) {
                        return Optional.of(List.copyOf(full));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The tool gives the right digest of "abc" (an openssl without sha256, a broken install: no). */
    private static boolean works(List<String> argv) {
        try {
            External e = new External(argv);
            e.write("abc".getBytes(StandardCharsets.US_ASCII));
            return e.finish().hex().equals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        } catch (IOException e) {
            return false;
        }
    }

    private static final class InJava extends Sha256Sink {
        private final MessageDigest md = Digest.sha256();

        @Override
        public void write(int b) {
            md.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public Digest finish() {
            return Digest.of(md);
        }
    }

    /** The tool reading a pipe; its first output word is the hex digest. */
    private static final class External extends Sha256Sink {
        private final Process process;
        private final OutputStream in;
        private boolean finished;

        External(List<String> argv) throws IOException {
            process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            in.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            in.write(b, off, len);
        }

        @Override
        public Digest finish() throws IOException {
            finished = true;
            in.close();
            String out;
            try (InputStream stdout = process.getInputStream()) {
                out = new String(stdout.readNBytes(4096), StandardCharsets.US_ASCII).strip();
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("the sha256 tool did not finish");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            }
            String hex = out.split("\\s+", 2)[0];
            if (process.exitValue() != 0 || !hex.matches("[0-9a-f]{64}")) {
                throw new IOException("the sha256 tool failed (exit " + process.exitValue() + "): " + out);
            }
            return new Digest(hex);
        }

        /** Closing without {@link #finish} (a failed write) stops the tool. */
        @Override
        public void close() {
            if (!finished) {
                finished = true;
                process.destroyForcibly();
            }
        }
    }
}
