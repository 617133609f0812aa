package dev.dftools.grammar.expand;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A shell pattern as BuildKit reads it in {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}}:
 * {@code *} and {@code ?} wildcards, {@code \* \? \\} escapes, {@code \}} and {@code \/} standing
 * for the bare character, no bracket expressions. BuildKit turns the pattern into a Go regexp
 * ({@code .*} / {@code .*?} / {@code .}), so wildcards never match a newline and matching follows
 * RE2's leftmost-first rules. We run the same automaton directly (a Pike VM over code points)
 * rather than java.util.regex, whose backtracking is not linear on {@code .*?} patterns.
 */
final class Glob {
    private static final int ANY = -1;
    private static final int STAR = -2;
    private static final int EOF = -1;

    /** Atoms: a code point, {@link #ANY} or {@link #STAR}; state {@code atoms.length} accepts. */
    private final int[] atoms;
    private final boolean greedy;

    private Glob(int[] atoms, boolean greedy) {
        this.atoms = atoms;
        this.greedy = greedy;
    }

    /** Thrown for a pattern BuildKit rejects; the message is BuildKit's. */
    static final class BadPattern extends Exception {
        private static final long serialVersionUID = 1L;

        BadPattern(String message) {
            super(message);
        }
    }

    static Glob compile(String pattern, boolean greedy) throws BadPattern {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        // Go's text/scanner, which BuildKit uses to read the pattern, skips a leading BOM.
        int i = cps.length > 0 && cps[0] == 0xFEFF ? 1 : 0;
        while (i < cps.length) {
            int c = cps[i++];
            switch (c) {
                case '*' -> {
                    // "**" means the same as "*" (same match extents, same preference), and
                    // collapsing keeps a run of stars from costing one VM state each.
                    if (n == 0 || out[n - 1] != STAR) {
                        out[n++] = STAR;
                    }
                }
                case '?' -> out[n++] = ANY;
                case '\\' -> {
                    if (i < cps.length && (cps[i] == '}' || cps[i] == '/')) {
                        continue; // the escape only protected the ${} syntax; the char is literal
                    }
                    if (i >= cps.length) {
                        throw new BadPattern("invalid escape '\\' at end of pattern");
                    }
                    int t = cps[i++];
                    if (t != '*' && t != '?' && t != '\\') {
                        throw new BadPattern("invalid escape '\\" + Character.toString(t) + "'");
                    }
                    out[n++] = t;
                }
                default -> out[n++] = c;
            }
        }
        return new Glob(Arrays.copyOf(out, n), greedy);
    }

    /**
     * BuildKit's {@code reversePattern}: reverse the code points but keep each {@code \x} pair in
     * order. A lone trailing backslash ends up in front (then escaping what was the last char).
     */
    static String reversePattern(String pattern) {
        int[] p = pattern.codePoints().toArray();
        int[] out = new int[p.length];
        int last = p.length - 1;
        for (int i = 0; i <= last;) {
            int tok = p[i];
            int o = last - i;
            if (tok == '\\' && i != last) {
                out[o - 1] = tok;
                out[o] = p[i + 1];
                i += 2;
            } else {
                out[o] = tok;
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    /** End of the match anchored at 0 (shortest if lazy, longest if greedy), or -1. */
    int matchPrefix(int[] text) {
        int[] m = run(text, 0, true);
        return m == null ? -1 : m[1];
    }

    /** Leftmost match at or after {@code from} as {@code {start, end}}, or null. */
    int @Nullable [] find(int[] text, int from) {
        return run(text, from, false);
    }

    /** One ordered thread list of the Pike VM; each state appears at most once. */
    private static final class Queue {
        final int[] state;
        final int[] start;
        final int[] mark;
        int size;
        int gen = 1;

        Queue(int states) {
            state = new int[states];
            start = new int[states];
            mark = new int[states];
        }

        void clear() {
            size = 0;
            gen++;
        }

        void push(int s, int from) {
            state[size] = s;
            start[size] = from;
            size++;
        }
    }

    /**
     * Adds state {@code s} and its epsilon closure in RE2 priority order. A run of stars is
     * walked in a loop (not recursion) so a pattern of many stars cannot exhaust the stack.
     * A star state stands for "consume one more char"; greedy stars prefer that over moving on.
     */
    private void addThread(Queue q, int s, int from) {
        int m = atoms.length;
        int k = s;
        while (k < m && atoms[k] == STAR && q.mark[k] != q.gen) {
            q.mark[k] = q.gen;
            k++;
        }
        int terminal = -1;
        if ((k == m || atoms[k] != STAR) && q.mark[k] != q.gen) {
            q.mark[k] = q.gen;
            terminal = k;
        }
        if (greedy) {
            for (int j = s; j < k; j++) {
                q.push(j, from);
            }
            if (terminal >= 0) {
                q.push(terminal, from);
            }
        } else {
            if (terminal >= 0) {
                q.push(terminal, from);
            }
            for (int j = k - 1; j >= s; j--) {
                q.push(j, from);
            }
        }
    }

    /** Go regexp's pike VM loop (leftmost-first, cut lower-priority threads on a match). */
    private int @Nullable [] run(int[] text, int from, boolean anchored) {
        int states = atoms.length + 1;
        Queue clist = new Queue(states);
        Queue nlist = new Queue(states);
        boolean matched = false;
        int matchStart = -1;
        int matchEnd = -1;
        int pos = from;
        while (true) {
            if (clist.size == 0) {
                if (anchored && pos != from) {
                    break;
                }
                if (matched) {
                    break;
                }
            }
            if (!matched && (!anchored || pos == from)) {
                addThread(clist, 0, pos);
            }
            int c = pos < text.length ? text[pos] : EOF;
            nlist.clear();
            for (int j = 0; j < clist.size; j++) {
                int s = clist.state[j];
                if (s == atoms.length) {
                    matched = true;
                    matchStart = clist.start[j];
                    matchEnd = pos;
                    break; // lower-priority threads can no longer win
                }
                int a = atoms[s];
                boolean step = a < 0 ? c != EOF && c != '\n' : c == a;
                if (step) {
                    addThread(nlist, a == STAR ? s : s + 1, clist.start[j]);
                }
            }
            if (pos >= text.length) {
                break;
            }
            pos++;
            Queue t = clist;
            clist = nlist;
            nlist = t;
        }
        return matched ? new int[] {matchStart, matchEnd} : null;
    }

    /** Go's {@code Regexp.ReplaceAllString}: every non-overlapping match, template expanded. */
    String replaceAll(int[] text, String template) {
        StringBuilder out = new StringBuilder();
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= text.length) {
            int[] a = find(text, searchPos);
            if (a == null) {
                break;
            }
            out.append(new String(text, lastMatchEnd, a[0] - lastMatchEnd));
            // Go skips an empty match right after a previous match (no double replacement).
            if (a[1] > lastMatchEnd || a[0] == 0) {
                expandTemplate(out, template, text, a);
            }
            lastMatchEnd = a[1];
            int width = searchPos < text.length ? 1 : 0;
            if (searchPos + width > a[1]) {
                searchPos += width;
            } else if (searchPos + 1 > a[1]) {
                searchPos++;
            } else {
                searchPos = a[1];
            }
        }
        out.append(new String(text, lastMatchEnd, text.length - lastMatchEnd));
        return out.toString();
    }

    /**
     * Go's {@code Regexp.Expand} for a regexp without groups: {@code $$} is {@code $},
     * {@code $0}/{@code ${0}} the whole match, other well-formed references are empty, and a
     * malformed one is a literal {@code $}.
     */
    private static void expandTemplate(StringBuilder out, String template, int[] text, int[] match) {
        int[] t = template.codePoints().toArray();
        int i = 0;
        while (i < t.length) {
            int c = t[i++];
            if (c != '$') {
                out.appendCodePoint(c);
                continue;
            }
            if (i < t.length && t[i] == '$') {
                out.append('$');
                i++;
                continue;
            }
            int j = i;
            boolean brace = j < t.length && t[j] == '{';
            if (brace) {
                j++;
            }
            int nameStart = j;
            while (j < t.length && (Character.isLetter(t[j]) || Character.isDigit(t[j]) || t[j] == '_')) {
                j++;
            }
            int nameEnd = j;
            if (nameEnd == nameStart || (brace && (j >= t.length || t[j] != '}'))) {
                out.append('$'); // malformed: the $ is literal text
                continue;
            }
            if (brace) {
                j++;
            }
            i = j;
            if (isGroupZero(t, nameStart, nameEnd)) {
                out.append(new String(text, match[0], match[1] - match[0]));
            }
        }
    }

    private static boolean isGroupZero(int[] t, int from, int to) {
        return to - from == 1 && t[from] == '0';
    }
}
