package dev.dftools.grammar.internal;

import java.util.Locale;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A parser directive line ({@code # key=value}) as BuildKit recognises it: a {@code #}, the key
 * {@code [a-zA-Z][a-zA-Z0-9]*}, optional white space, {@code =}, and a non-empty value whose
 * trailing white space is dropped. Indices are into the line given to {@link #parse}.
 */
record DirectiveLine(String key, String value, int keyStart, int keyEnd, int valueStart, int valueEnd) {

    static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

    /** The lower-cased key. */
    String name() {
        return key.toLowerCase(Locale.ROOT);
    }

    boolean isKnown() {
        return KNOWN.contains(name());
    }

    /**
     * @param line one physical line, without its line ending
     * @return the directive, or null when the line does not have the directive shape
     */
    static @Nullable DirectiveLine parse(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        int i = GoText.skipSpace(line, 0, end);
        if (i >= end || line.charAt(i) != '#') {
            return null;
        }
        i = GoText.skipSpace(line, i + 1, end);
        int keyStart = i;
        if (i >= end || !isAsciiLetter(line.charAt(i))) {
            return null;
        }
        i++;
        while (i < end && (isAsciiLetter(line.charAt(i)) || isAsciiDigit(line.charAt(i)))) {
            i++;
        }
        int keyEnd = i;
        i = skipRegexSpace(line, i, end);
        if (i >= end || line.charAt(i) != '=') {
            return null;
        }
        int afterEquals = i + 1;
        if (afterEquals >= end) {
            return null;
        }
        int valueStart = skipRegexSpace(line, afterEquals, end);
        int valueEnd = end;
        while (valueEnd > valueStart && isRegexSpace(line.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        if (valueStart == valueEnd) {
            // all white space after '=': the lazy (.+?) of BuildKit's regexp still takes one char
            valueStart = end - 1;
            valueEnd = end;
        }
        return new DirectiveLine(line.substring(keyStart, keyEnd), line.substring(valueStart, valueEnd),
                keyStart, keyEnd, valueStart, valueEnd);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Go regexp's \s: [\t\n\f\r ]. */
    private static boolean isRegexSpace(char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    private static int skipRegexSpace(String s, int from, int to) {
        int i = from;
        while (i < to && isRegexSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
