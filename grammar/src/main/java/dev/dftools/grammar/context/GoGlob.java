package dev.dftools.grammar.context;

/**
 * Go's {@code filepath.Match} on Unix: {@code *} (any run of non-{@code /} chars), {@code ?} (one
 * non-{@code /} char), {@code [...]} classes with {@code ^} negation and ranges, {@code \}
 * escapes. Used for COPY source wildcards and, as Docker does, to validate ignore patterns.
 */
public final class GoGlob {

    /** Go's {@code filepath.ErrBadPattern}. */
    public static final class BadPatternException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadPatternException(String message) {
            super(message);
        }
    }

    private GoGlob() {
    }

    /**
     * Whether {@code name} matches {@code pattern}; throws for a malformed pattern even when the
     * match fails early (Go checks the whole pattern since 1.16).
     */
    public static boolean match(String pattern, String name) throws BadPatternException {
        validate(pattern);
        return matchFrom(pattern.codePoints().toArray(), 0, name.codePoints().toArray(), 0);
    }

    /** Throws when Go's {@code filepath.Match} would report {@code ErrBadPattern}. */
    public static void validate(String pattern) throws BadPatternException {
        int[] p = pattern.codePoints().toArray();
        int i = 0;
        while (i < p.length) {
            int c = p[i];
            if (c == '\\') {
                if (i + 1 >= p.length) {
                    throw new BadPatternException("syntax error in pattern: trailing '\\' in " + pattern);
                }
                i += 2;
            } else if (c == '[') {
                i = classEnd(p, i, pattern);
            } else {
                i++;
            }
        }
    }

    /** Index after the class starting at {@code start}, checking it as Go's matchChunk does. */
    private static int classEnd(int[] p, int start, String pattern) throws BadPatternException {
        int i = start + 1;
        if (i < p.length && p[i] == '^') {
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < p.length && p[i] == ']' && ranges > 0) {
                return i + 1;
            }
            i = escapedChar(p, i, pattern);
            if (p[i] == '-') {
                i = escapedChar(p, i + 1, pattern);
            }
            ranges++;
        }
    }

    /** Go's getEsc: one (possibly escaped) class char; something must follow it. */
    private static int escapedChar(int[] p, int i, String pattern) throws BadPatternException {
        if (i >= p.length || p[i] == '-' || p[i] == ']') {
            throw new BadPatternException("syntax error in pattern: bad character class in " + pattern);
        }
        if (p[i] == '\\') {
            i++;
            if (i >= p.length) {
                throw new BadPatternException("syntax error in pattern: bad character class in " + pattern);
            }
        }
        i++;
        if (i >= p.length) {
            throw new BadPatternException("syntax error in pattern: unterminated character class in " + pattern);
        }
        return i;
    }

    private static int escaped(int[] p, int i) {
        return p[i] == '\\' ? p[i + 1] : p[i];
    }

    private static int escapedLength(int[] p, int i) {
        return p[i] == '\\' ? 2 : 1;
    }

    /** Backtracking matcher; patterns are short path components, so this stays cheap. */
    private static boolean matchFrom(int[] p, int pi, int[] s, int si) {
        while (pi < p.length) {
            int c = p[pi];
            if (c == '*') {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                for (int k = si; k <= s.length; k++) {
                    if (matchFrom(p, pi, s, k)) {
                        return true;
                    }
                    if (k < s.length && s[k] == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (si >= s.length) {
                return false;
            }
            if (c == '?') {
                if (s[si] == '/') {
                    return false;
                }
                pi++;
                si++;
            } else if (c == '[') {
                int r = s[si];
                int i = pi + 1;
                boolean negated = i < p.length && p[i] == '^';
                if (negated) {
                    i++;
                }
                boolean matched = false;
                int ranges = 0;
                while (!(p[i] == ']' && ranges > 0)) {
                    int lo = escaped(p, i);
                    i += escapedLength(p, i);
                    int hi = lo;
                    if (p[i] == '-') {
                        i++;
                        hi = escaped(p, i);
                        i += escapedLength(p, i);
                    }
                    if (lo <= r && r <= hi) {
                        matched = true;
                    }
                    ranges++;
                }
                // Go's class matches any char, '/' included, when it is in the class
                if (matched == negated) {
                    return false;
                }
                pi = i + 1;
                si++;
            } else {
                int literal = c == '\\' ? p[pi + 1] : c;
                if (s[si] != literal) {
                    return false;
                }
                pi += c == '\\' ? 2 : 1;
                si++;
            }
        }
        return si == s.length;
    }
}
