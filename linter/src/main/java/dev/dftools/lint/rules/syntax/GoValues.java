package dev.dftools.lint.rules.syntax;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's parsers for the values BuildKit reads from flags: durations, integers, booleans. */
final class GoValues {

    private static final Pattern SEGMENT = Pattern.compile("(\\d*)(?:\\.(\\d*))?([^\\d.]+)");
    private static final Map<String, Double> UNIT_NANOS = Map.of("ns", 1d, "us", 1e3, "\u00b5s", 1e3,
            "\u03bcs", 1e3, "ms", 1e6, "s", 1e9, "m", 60e9, "h", 3600e9);

    private GoValues() {
    }

    /** time.ParseDuration in nanoseconds, or empty when Go would reject it. */
    static OptionalDouble duration(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalDouble.of(0);
        }
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        double total = 0;
        Matcher m = SEGMENT.matcher(s);
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return OptionalDouble.empty();
            }
            String whole = m.group(1);
            String frac = m.group(2);
            if (whole.isEmpty() && (frac == null || frac.isEmpty())) {
                return OptionalDouble.empty();
            }
            Double unit = UNIT_NANOS.get(m.group(3));
            if (unit == null) {
                return OptionalDouble.empty();
            }
            double number = Double.parseDouble((whole.isEmpty() ? "0" : whole) + "." + (frac == null || frac.isEmpty()
                    ? "0" : frac));
            total += number * unit;
            at = m.end();
        }
        return OptionalDouble.of(negative ? -total : total);
    }

    /** strconv.ParseInt(s, 10, 32): null when it is not a valid 32-bit integer. */
    static Long int32(String s) {
        if (!s.matches("[+-]?\\d+")) {
            return null;
        }
        try {
            long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** strconv.ParseBool: null when not a boolean. */
    static Boolean bool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }
}
