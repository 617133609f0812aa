package dev.dftools.grammar.internal;

/** The character classes BuildKit's Go code uses, so splitting matches it exactly. */
final class GoText {

    private GoText() {
    }

    /** Go's unicode.IsSpace (used by strings.TrimSpace and BuildKit's word splitters). */
    static boolean isSpace(int c) {
        switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u0085', '\u00A0', '\u1680',
                    '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> {
                return true;
            }
            default -> {
                return c >= '\u2000' && c <= '\u200A';
            }
        }
    }

    /** BuildKit's reWhitespace / tokenWhitespace: {@code [\t\v\f\r ]}. */
    static boolean isTokenSpace(int c) {
        return c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ';
    }

    /** Index of the first char at or after {@code from} that is not Go white space. */
    static int skipSpace(String s, int from, int to) {
        int i = from;
        while (i < to && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index just after the last char before {@code to} that is not Go white space. */
    static int trimEnd(String s, int from, int to) {
        int i = to;
        while (i > from && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
