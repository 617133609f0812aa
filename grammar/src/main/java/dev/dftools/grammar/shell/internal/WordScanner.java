package dev.dftools.grammar.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Splits a shell word into parts (quotes, escapes, expansions). Nested constructs such as
 * {@code "$(echo "${a:-$(b)}")"} are matched with an explicit stack, so the scan is linear and
 * deep nesting cannot overflow the Java stack. Free of ANTLR; used by the lexer (to find where
 * a word ends) and by the model builder (to compute values).
 */
public final class WordScanner {

    /** What a word part is. */
    public enum PartKind {
        LITERAL, ESCAPE, CONTINUATION, SINGLE_QUOTED, ANSI_C_QUOTED, DOUBLE_QUOTED, PARAMETER,
        COMMAND_SUBSTITUTION, BACKTICK, ARITHMETIC, PROCESS_SUBSTITUTION, ARRAY
    }

    /** A part as a span of the scanned text. */
    public record Part(PartKind kind, int start, int end) {
    }

    /** A problem found while scanning, as a span of the scanned text. */
    public record Problem(String message, int start, int end) {
    }

    // Nesting contexts on the explicit stack.
    private static final byte PAREN = 1;
    private static final byte BRACE = 2;
    private static final byte DQUOTE = 3;
    private static final byte BACKQUOTE = 4;
    /** A case ... esac inside a substitution: its pattern ')' does not close the substitution. */
    private static final byte CASE = 5;

    private WordScanner() {
    }

    /** How a word ends. */
    public enum Mode {
        /** At blanks and operator chars. */
        NORMAL,
        /** Inside [[ ]]: only at blanks. */
        TEST,
        /** Never early: the caller already knows the word's extent. */
        WHOLE
    }

    /** Chars that end an unquoted word outside [[ ]]. */
    public static boolean isMetaChar(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>' -> true;
            default -> false;
        };
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Scans the word starting at {@code start}.
     *
     * @param limit    where to stop at the latest (nested constructs may still end later)
     * @param mode     what ends the word
     * @param parts    receives the parts, or null when only the end is wanted
     * @param problems receives unterminated quotes and the like, or null
     * @return the end of the word (exclusive); at least {@code start + 1} if there is input
     */
    public static int scan(String s, int start, int limit, Mode mode, @Nullable List<Part> parts,
            @Nullable List<Problem> problems) {
        int n = limit;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && isContinuation(s, i)) {
                int after = skipContinuation(s, i);
                // a continuation before a word boundary belongs to the blank, not the word
                if (i > start && (after >= n || endsWord(s.charAt(after), mode))) {
                    return i;
                }
                add(parts, PartKind.CONTINUATION, i, after);
                i = after;
                continue;
            }
            if (i > start && endsWord(c, mode)
                    && !(c == '(' && mode == Mode.NORMAL && isArrayAssignmentPrefix(s, start, i))) {
                return i;
            }
            int partStart = i;
            switch (c) {
                case '\\' -> {
                    i = Math.min(n, i + 2);
                    add(parts, PartKind.ESCAPE, partStart, i);
                }
                case '\'' -> {
                    int close = s.indexOf('\'', i + 1);
                    if (close < 0) {
                        problem(problems, "unterminated single quote", i, n);
                        i = n;
                    } else {
                        i = close + 1;
                    }
                    add(parts, PartKind.SINGLE_QUOTED, partStart, i);
                }
                case '"' -> {
                    i = skipNested(s, i + 1, DQUOTE, problems, partStart, "unterminated double quote");
                    add(parts, PartKind.DOUBLE_QUOTED, partStart, i);
                }
                case '`' -> {
                    i = skipNested(s, i + 1, BACKQUOTE, problems, partStart, "unterminated backquote");
                    add(parts, PartKind.BACKTICK, partStart, i);
                }
                case '$' -> i = scanDollar(s, i, parts, problems);
                case '<', '>' -> {
                    // only reached at the start of a word: the lexer starts words with <( or >(
                    if (i + 1 < n && s.charAt(i + 1) == '(') {
                        i = skipNested(s, i + 2, PAREN, problems, partStart,
                                "unterminated process substitution");
                        add(parts, PartKind.PROCESS_SUBSTITUTION, partStart, i);
                    } else {
                        i++;
                        add(parts, PartKind.LITERAL, partStart, i);
                    }
                }
                case '(' -> {
                    // reached for a( in [[ ]] and for bash arrays a=(x y)
                    if (mode != Mode.TEST && isArrayAssignmentPrefix(s, start, i)) {
                        i = skipNested(s, i + 1, PAREN, problems, partStart, "unterminated array");
                        add(parts, PartKind.ARRAY, partStart, i);
                    } else {
                        i++;
                        add(parts, PartKind.LITERAL, partStart, i);
                    }
                }
                default -> {
                    i++;
                    while (i < n && isPlain(s.charAt(i), mode)) {
                        i++;
                    }
                    add(parts, PartKind.LITERAL, partStart, i);
                }
            }
        }
        return i;
    }

    private static boolean endsWord(char c, Mode mode) {
        if (mode == Mode.TEST) {
            return isBlank(c);
        }
        if (mode == Mode.WHOLE) {
            return false;
        }
        return isMetaChar(c);
    }

    private static boolean isPlain(char c, Mode mode) {
        return switch (c) {
            case '\\', '\'', '"', '`', '$', '(' -> false;
            default -> !endsWord(c, mode);
        };
    }

    /** Whether [start, parenAt) is NAME= or NAME+= so that '(' opens an array. */
    private static boolean isArrayAssignmentPrefix(String s, int start, int parenAt) {
        int eq = parenAt - 1;
        if (eq <= start || s.charAt(eq) != '=') {
            return false;
        }
        int nameEnd = s.charAt(eq - 1) == '+' ? eq - 1 : eq;
        return nameEnd > start && isName(s, start, nameEnd);
    }

    /** Whether s[from, to) is a shell name. */
    public static boolean isName(CharSequence s, int from, int to) {
        if (from >= to || !isNameStart(s.charAt(from))) {
            return false;
        }
        for (int k = from + 1; k < to; k++) {
            if (!isNameChar(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    public static boolean isContinuation(CharSequence s, int i) {
        int n = s.length();
        return s.charAt(i) == '\\' && i + 1 < n
                && (s.charAt(i + 1) == '\n' || (s.charAt(i + 1) == '\r' && i + 2 < n && s.charAt(i + 2) == '\n'));
    }

    static int skipContinuation(CharSequence s, int i) {
        return s.charAt(i + 1) == '\n' ? i + 2 : i + 3;
    }

    private static int scanDollar(String s, int i, @Nullable List<Part> parts, @Nullable List<Problem> problems) {
        int n = s.length();
        int start = i;
        char next = i + 1 < n ? s.charAt(i + 1) : '\0';
        if (next == '(') {
            boolean arithmetic = i + 2 < n && s.charAt(i + 2) == '(';
            int end = skipNested(s, i + 2, PAREN, problems, start,
                    arithmetic ? "unterminated arithmetic expansion" : "unterminated command substitution");
            add(parts, arithmetic ? PartKind.ARITHMETIC : PartKind.COMMAND_SUBSTITUTION, start, end);
            return end;
        }
        if (next == '{') {
            int end = skipNested(s, i + 2, BRACE, problems, start, "unterminated parameter expansion");
            add(parts, PartKind.PARAMETER, start, end);
            return end;
        }
        if (next == '\'') {
            // bash $'...': backslash escapes a quote
            int k = i + 2;
            while (k < n && s.charAt(k) != '\'') {
                k += s.charAt(k) == '\\' ? 2 : 1;
            }
            if (k >= n) {
                problem(problems, "unterminated $'' quote", start, n);
                add(parts, PartKind.ANSI_C_QUOTED, start, n);
                return n;
            }
            add(parts, PartKind.ANSI_C_QUOTED, start, k + 1);
            return k + 1;
        }
        if (isNameStart(next)) {
            int k = i + 2;
            while (k < n && isNameChar(s.charAt(k))) {
                k++;
            }
            add(parts, PartKind.PARAMETER, start, k);
            return k;
        }
        if ((next >= '0' && next <= '9') || "@*#?$!-".indexOf(next) >= 0 && next != '\0') {
            add(parts, PartKind.PARAMETER, start, i + 2);
            return i + 2;
        }
        // a lone $ is literal
        add(parts, PartKind.LITERAL, start, i + 1);
        return i + 1;
    }

    /**
     * Skips to the end of a nested construct whose opener ends just before {@code from}.
     * Returns the index after its closer, or the text's end (reporting a problem).
     */
    private static int skipNested(String s, int from, byte context, @Nullable List<Problem> problems,
            int openedAt, String unterminated) {
        int n = s.length();
        byte[] stack = new byte[16];
        int depth = 0;
        stack[depth++] = context;
        int i = from;
        while (i < n) {
            byte top = stack[depth - 1];
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            byte push = 0;
            boolean pop = false;
            if ((top == PAREN || top == CASE) && (c == 'c' || c == 'e') && i + 4 <= n) {
                if (top == CASE && isWordAt(s, i, "esac")) {
                    i += 4;
                    depth--;
                    continue;
                }
                if (isWordAt(s, i, "case") && startsCommand(s, i)) {
                    i += 4;
                    if (depth == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = CASE;
                    continue;
                }
            }
            switch (top) {
                case DQUOTE -> {
                    if (c == '"') {
                        pop = true;
                    } else if (c == '`') {
                        push = BACKQUOTE;
                    } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '(') {
                        push = PAREN;
                        i++;
                    } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
                        push = BRACE;
                        i++;
                    }
                }
                case BACKQUOTE -> pop = c == '`';
                default -> {
                    // PAREN, BRACE and CASE: code-like content with quotes
                    if ((top == PAREN && c == ')') || (top == BRACE && c == '}')) {
                        pop = true;
                    } else if (c == '(') {
                        push = PAREN;
                    } else if (c == '{') {
                        push = BRACE;
                    } else if (c == '"') {
                        push = DQUOTE;
                    } else if (c == '`') {
                        push = BACKQUOTE;
                    } else if (c == '\'') {
                        int close = s.indexOf('\'', i + 1);
                        if (close < 0) {
                            i = n;
                            continue;
                        }
                        i = close;
                    }
                }
            }
            i++;
            if (pop) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            } else if (push != 0) {
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = push;
            }
        }
        problem(problems, unterminated, openedAt, n);
        return n;
    }

    /** Whether the reserved word {@code word} stands alone at {@code i}. */
    private static boolean isWordAt(String s, int i, String word) {
        int end = i + word.length();
        return s.startsWith(word, i) && (i == 0 || isWordBoundary(s.charAt(i - 1)))
                && (end >= s.length() || isWordBoundary(s.charAt(end)));
    }

    /** Whether a word at {@code i} is in command position: after ( ; & | or a newline. */
    private static boolean startsCommand(String s, int i) {
        int k = i - 1;
        while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k--;
        }
        return k < 0 || "(;&|\n".indexOf(s.charAt(k)) >= 0;
    }

    private static boolean isWordBoundary(char c) {
        return isBlank(c) || c == ';' || c == '&' || c == '|' || c == '(' || c == ')';
    }

    private static void add(@Nullable List<Part> parts, PartKind kind, int start, int end) {
        if (parts != null) {
            parts.add(new Part(kind, start, end));
        }
    }

    private static void problem(@Nullable List<Problem> problems, String message, int start, int end) {
        if (problems != null) {
            problems.add(new Problem(message, start, end));
        }
    }

    /** The end of the expansion starting with {@code $} or a backquote at {@code i}. */
    public static int expansionEnd(String s, int i) {
        if (s.charAt(i) == '`') {
            return skipNested(s, i + 1, BACKQUOTE, null, i, "");
        }
        return scanDollar(s, i, null, null);
    }

    /** Whether {@code $} at {@code i} starts an expansion (rather than being a literal dollar). */
    public static boolean isExpansionStart(String s, int i) {
        if (i + 1 >= s.length()) {
            return false;
        }
        char next = s.charAt(i + 1);
        return next == '(' || next == '{' || isNameStart(next) || (next >= '0' && next <= '9')
                || "@*#?$!-".indexOf(next) >= 0;
    }

    /** Convenience for tests and the builder: the parts of one word. */
    public static List<Part> parts(String s, int start, int end) {
        List<Part> parts = new ArrayList<>();
        scan(s, start, end, Mode.WHOLE, parts, null);
        return parts;
    }
}
