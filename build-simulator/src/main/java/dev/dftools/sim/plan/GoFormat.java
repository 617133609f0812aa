package dev.dftools.sim.plan;

import java.util.List;
import java.util.Locale;

/** Go's fmt verbs as BuildKit uses them in history lines ({@code %q} of strings, {@code %v} of slices, durations). */
public final class GoFormat {
    private GoFormat() {
    }

    /** strconv.Quote: double quotes, Go escapes for control characters, printable Unicode kept. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case 7 -> b.append("\\a");
                case 8 -> b.append("\\b");
                case 12 -> b.append("\\f");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** {@code %q} of a []string: {@code ["a" "b"]}. */
    public static String quoteList(List<String> values) {
        return "[" + String.join(" ", values.stream().map(GoFormat::quote).toList()) + "]";
    }

    /** {@code %v} of a []string: {@code [a b]}. */
    public static String list(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** {@code %q} of an int: a quoted rune, as Go prints a HEALTHCHECK's retries. */
    public static String quoteRune(int c) {
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '\\') {
            return "'\\\\'";
        }
        String q = quote(new String(Character.toChars(c)));
        return "'" + q.substring(1, q.length() - 1) + "'";
    }

    /** time.Duration.String for nanoseconds: 0s, 1.5s, 500ms, 1m30s, 1h0m0s. */
    public static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000_000_000L) {
            if (n < 1_000L) {
                return sign + n + "ns";
            }
            if (n < 1_000_000L) {
                return sign + fraction(n, 1_000L) + "µs";
            }
            return sign + fraction(n, 1_000_000L) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        String seconds = fraction(n % 60_000_000_000L, 1_000_000_000L) + "s";
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + seconds;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + seconds;
        }
        return sign + seconds;
    }

    private static String fraction(long n, long unit) {
        long whole = n / unit;
        long rest = n % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = String.format(Locale.ROOT, "%0" + Long.toString(unit).length() + "d", rest).substring(1)
                .replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
