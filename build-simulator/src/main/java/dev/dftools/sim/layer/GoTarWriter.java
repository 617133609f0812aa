package dev.dftools.sim.layer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tar archives byte for byte like Go's archive/tar with {@code Format = FormatPAX} as
 * docker and containers/storage use it: a USTAR header when the entry fits (long ASCII paths split
 * into prefix/name), a PAX header only for what does not fit, data padded to 512 bytes, and two
 * zero blocks at the end without record padding.
 *
 * <p>Hand-written rather than commons-compress's TarArchiveOutputStream because that class never
 * uses the USTAR prefix field and switches to a long-name header already at 100 bytes: its sizes
 * would differ from buildah's for any path longer than 99 bytes.
 */
public final class GoTarWriter implements Closeable {
    static final int BLOCK = 512;
    private static final int NAME = 100;
    private static final int PREFIX = 155;

    private final OutputStream out;
    private long written;
    private boolean finished;

    public GoTarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far. */
    public long size() {
        return written;
    }

    /** Writes one entry; {@code data} must supply exactly {@code entry.size()} bytes for files. */
    public void write(TarEntry entry, InputStream data) throws IOException {
        Map<String, String> pax = paxRecords(entry);
        if (pax.isEmpty()) {
            emit(ustarHeader(entry));
        } else {
            writePax(entry, pax);
        }
        copyData(entry, data);
    }

    /** Writes an entry without data (directories, links, empty files, whiteouts). */
    public void write(TarEntry entry) throws IOException {
        write(entry, InputStream.nullInputStream());
    }

    /** Writes the end-of-archive marker: two zero blocks, no padding to a 10 KiB record. */
    public void finish() throws IOException {
        if (!finished) {
            emit(new byte[2 * BLOCK]);
            finished = true;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }

    /** Size of one entry (headers and padded data) as Go would write it. */
    public static long entrySize(TarEntry entry) {
        Map<String, String> pax = paxRecords(entry);
        long headers = BLOCK;
        if (!pax.isEmpty()) {
            headers += BLOCK + padded(paxData(pax).length);
        }
        return headers + padded(entry.size());
    }

    static long padded(long n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }

    private void copyData(TarEntry entry, InputStream data) throws IOException {
        long left = entry.size();
        byte[] buf = new byte[1 << 16];
        while (left > 0) {
            int n = data.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("file shrank while archiving: " + entry.name());
            }
            out.write(buf, 0, n);
            left -= n;
        }
        written += entry.size();
        int pad = (int) (padded(entry.size()) - entry.size());
        if (pad > 0) {
            emit(new byte[pad]);
        }
    }

    private void emit(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    // What Go's Header.allowedFormats puts in PAX records (keys sorted as Go sorts them).
    private static Map<String, String> paxRecords(TarEntry e) {
        Map<String, String> pax = new TreeMap<>();
        byte[] name = utf8(e.name());
        if ((name.length > NAME || !isAscii(e.name())) && splitUstar(e.name()) == null) {
            pax.put("path", e.name());
        }
        if (utf8(e.linkName()).length > NAME || !isAscii(e.linkName())) {
            pax.put("linkpath", e.linkName());
        }
        numeric(pax, "uid", e.uid(), 8);
        numeric(pax, "gid", e.gid(), 8);
        numeric(pax, "size", e.size(), 12);
        numeric(pax, "mtime", e.mtime(), 12);
        return pax;
    }

    private static void numeric(Map<String, String> pax, String key, long value, int field) {
        if (!fitsOctal(field, value)) {
            pax.put(key, Long.toString(value));
        }
    }

    private static boolean fitsOctal(int field, long x) {
        int bits = (field - 1) * 3;
        return x >= 0 && (field >= 22 || x < (1L << bits));
    }

    /** Go's splitUSTARPath: {prefix, name} or null when the path cannot be split. */
    static String @org.eclipse.jdt.annotation.Nullable [] splitUstar(String name) {
        int length = name.length();
        if (length <= NAME || !isAscii(name)) {
            return null;
        } else if (length > PREFIX + 1) {
            length = PREFIX + 1;
        } else if (name.charAt(length - 1) == '/') {
            length--;
        }
        int i = name.substring(0, length).lastIndexOf('/');
        int nlen = name.length() - i - 1;
        if (i <= 0 || nlen > NAME || nlen == 0 || i > PREFIX) {
            return null;
        }
        return new String[] {name.substring(0, i), name.substring(i + 1)};
    }

    private static byte[] ustarHeader(TarEntry e) {
        String[] split = splitUstar(e.name());
        String name = split == null ? e.name() : split[1];
        byte[] b = template(e, name);
        if (split != null) {
            string(b, 345, PREFIX, split[0]);
        }
        return checksummed(b);
    }

    private void writePax(TarEntry e, Map<String, String> pax) throws IOException {
        byte[] data = paxData(pax);
        byte[] h = new byte[BLOCK];
        string(h, 0, NAME, trimSlashes(truncate(toAscii(paxName(e.name())), NAME)));
        octal(h, 100, 8, 0);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, data.length);
        octal(h, 136, 12, 0);
        h[156] = 'x';
        magic(h);
        emit(checksummed(h));
        emit(data);
        int pad = (int) (padded(data.length) - data.length);
        emit(new byte[pad]);
        // The main header keeps what fits; Go writes 0 into numeric fields that overflow.
        emit(checksummed(template(e, toAscii(e.name()))));
    }

    private static byte[] template(TarEntry e, String name) {
        byte[] b = new byte[BLOCK];
        string(b, 0, NAME, name);
        octal(b, 100, 8, e.mode());
        octal(b, 108, 8, e.uid());
        octal(b, 116, 8, e.gid());
        octal(b, 124, 12, e.size());
        octal(b, 136, 12, e.mtime());
        b[156] = (byte) e.type().flag();
        string(b, 157, NAME, toAscii(e.linkName()));
        magic(b);
        octal(b, 329, 8, e.devMajor());
        octal(b, 337, 8, e.devMinor());
        return b;
    }

    private static void magic(byte[] b) {
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, b, 257, 6);
        b[263] = '0';
        b[264] = '0';
    }

    private static byte[] checksummed(byte[] b) {
        Arrays.fill(b, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        octal(b, 148, 7, sum);
        b[155] = ' ';
        return b;
    }

    // Go's formatOctal: zero-padded, NUL-terminated; a value that does not fit is written as 0.
    private static void octal(byte[] b, int off, int len, long x) {
        long v = fitsOctal(len, x) ? x : 0;
        String s = Long.toOctalString(v);
        int zeros = len - s.length() - 1;
        if (zeros > 0) {
            s = "0".repeat(zeros) + s;
        }
        string(b, off, len, s);
    }

    // Go's formatString: copy what fits, NUL-terminate when there is room.
    private static void string(byte[] b, int off, int len, String s) {
        byte[] bytes = utf8(s);
        System.arraycopy(bytes, 0, b, off, Math.min(len, bytes.length));
        if (bytes.length < len) {
            b[off + bytes.length] = 0;
        }
    }

    static byte[] paxData(Map<String, String> pax) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> r : pax.entrySet()) {
            int base = utf8(r.getKey()).length + utf8(r.getValue()).length + 3;
            int size = base + Integer.toString(base).length();
            if (Integer.toString(size).length() + base != size) {
                size = Integer.toString(size).length() + base;
            }
            sb.append(size).append(' ').append(r.getKey()).append('=').append(r.getValue()).append('\n');
        }
        return utf8(sb.toString());
    }

    // path.Join(dir, "PaxHeaders.0", file) of Go's writePAXHeader.
    private static String paxName(String name) {
        int slash = name.lastIndexOf('/');
        String dir = name.substring(0, slash + 1);
        String file = name.substring(slash + 1);
        StringBuilder sb = new StringBuilder();
        for (String part : (dir + "/PaxHeaders.0/" + file).split("/+")) {
            if (!part.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "/").append(part);
            }
        }
        return sb.toString();
    }

    private static String trimSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String toAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(c -> c < 0x80).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
