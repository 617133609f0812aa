package dev.dftools.grammar.expand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Variable expansion with the semantics of BuildKit's {@code shell.Lex} (frontend/dockerfile/
 * shell/lex.go), written from its documented and tested behaviour:
 * <ul>
 * <li>{@code '…'} is literal; {@code "…"} expands {@code $} and lets the escape token protect
 * only {@code "}, {@code $} and itself; outside quotes the escape token takes the next char
 * literally and a trailing one is dropped.</li>
 * <li>{@code $name}, {@code ${name}} and the operators {@code :- - :+ + :? ? # ## % %% / //};
 * names are letters, digits and {@code _}, or digits only, or one special parameter
 * ({@code @ * # ? - $ ! 0}). Special and positional parameters are looked up like any name
 * (as BuildKit does), so they are empty unless an environment defines them, which a
 * Dockerfile never does.</li>
 * </ul>
 * Instances are immutable and thread-safe; each call keeps its state on its own.
 * The work is linear in the input (pattern operators: input times pattern length), and nesting
 * of {@code ${…}} is limited to {@link #MAX_NESTING} so that hostile input gets an
 * {@link ExpansionException} rather than a stack overflow.
 */
public final class ShellLex {

    /** Deepest allowed nesting of {@code ${…}} inside operator words. Real files use a handful. */
    public static final int MAX_NESTING = 500;

    private static final int EOF = -1;

    private final int escapeToken;
    private final boolean ignoreCase;

    /**
     * @param escapeToken {@code '\\'} (the default) or {@code '`'} (after {@code # escape=`})
     * @param windowsCaseInsensitive look variables up ignoring case, as BuildKit does on Windows
     */
    public ShellLex(char escapeToken, boolean windowsCaseInsensitive) {
        if (escapeToken != '\\' && escapeToken != '`') {
            throw new IllegalArgumentException("escape token must be \\ or `, got " + escapeToken);
        }
        this.escapeToken = escapeToken;
        this.ignoreCase = windowsCaseInsensitive;
    }

    /** A Unix (case-sensitive) lexer. */
    public ShellLex(char escapeToken) {
        this(escapeToken, false);
    }

    public char escapeToken() {
        return (char) escapeToken;
    }

    public boolean windowsCaseInsensitive() {
        return ignoreCase;
    }

    /** One word: quotes removed, variables expanded, no splitting (BuildKit ProcessWord). */
    public Expansion processWord(String word, Env env) throws ExpansionException {
        Run run = new Run(word, env);
        String value = run.processStopOn(EOF, false, null);
        return new Expansion(value, run.referenced, run.unmatched);
    }

    /**
     * Expands and splits into words (BuildKit ProcessWords): whitespace that comes from the
     * text or from an unquoted expansion separates words; quoted text and escaped chars do not.
     */
    public WordsExpansion processWords(String text, Env env) throws ExpansionException {
        Run run = new Run(text, env);
        Words words = new Words();
        run.processStopOn(EOF, false, words);
        return new WordsExpansion(words.finish(), run.referenced, run.unmatched);
    }

    /** The state of one call: a cursor over the input plus the names seen. */
    private final class Run {
        final String src;
        final Env env;
        final LinkedHashSet<String> referenced = new LinkedHashSet<>();
        final LinkedHashSet<String> unmatched = new LinkedHashSet<>();
        int pos;
        /** Keep escape tokens in the output: set while reading patterns and replacements. */
        boolean rawEscapes;
        int depth;

        Run(String src, Env env) {
            this.src = src;
            this.env = env;
            // BuildKit reads the word with Go's text/scanner, which drops a leading BOM.
            this.pos = src.startsWith("\uFEFF") ? 1 : 0;
        }

        int peek() {
            return pos < src.length() ? src.codePointAt(pos) : EOF;
        }

        int next() {
            if (pos >= src.length()) {
                return EOF;
            }
            int c = src.codePointAt(pos);
            pos += Character.charCount(c);
            return c;
        }

        ExpansionException error(String reason, int index) {
            return new ExpansionException(src, reason, index);
        }

        /**
         * Reads up to (and consumes) {@code stop}, or to the end when {@code stop} is EOF.
         * {@code words} collects the split words at top level and is null when nested.
         */
        String processStopOn(int stop, boolean raw, @Nullable Words words) throws ExpansionException {
            StringBuilder result = new StringBuilder();
            boolean savedRaw = rawEscapes;
            rawEscapes = raw;
            try {
                while (peek() != EOF) {
                    int ch = peek();
                    if (stop != EOF && ch == stop) {
                        next();
                        return result.toString();
                    }
                    if (ch == '$') {
                        String tmp = processDollar();
                        result.append(tmp);
                        if (words != null) {
                            words.addString(tmp); // unquoted expansion: subject to splitting
                        }
                    } else if (ch == '\'' || ch == '"') {
                        String tmp = ch == '\'' ? processSingleQuote() : processDoubleQuote();
                        result.append(tmp);
                        if (words != null) {
                            words.addRawString(tmp);
                        }
                    } else {
                        ch = next();
                        if (ch == escapeToken) {
                            if (rawEscapes) {
                                if (words != null) {
                                    words.addRawChar(ch);
                                }
                                result.appendCodePoint(ch);
                            }
                            ch = next();
                            if (ch == EOF) {
                                break; // a trailing escape token is dropped
                            }
                            if (words != null) {
                                words.addRawChar(ch);
                            }
                        } else if (words != null) {
                            words.addChar(ch);
                        }
                        result.appendCodePoint(ch);
                    }
                }
                if (stop != EOF) {
                    throw error("unexpected end of statement while looking for matching "
                            + Character.toString(stop), pos);
                }
                return result.toString();
            } finally {
                rawEscapes = savedRaw;
            }
        }

        String processSingleQuote() throws ExpansionException {
            int open = pos;
            next();
            StringBuilder result = new StringBuilder();
            while (true) {
                int ch = next();
                if (ch == EOF) {
                    throw error("unexpected end of statement while looking for matching single-quote", open);
                }
                if (ch == '\'') {
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        String processDoubleQuote() throws ExpansionException {
            int open = pos;
            next();
            StringBuilder result = new StringBuilder();
            while (true) {
                int p = peek();
                if (p == EOF) {
                    throw error("unexpected end of statement while looking for matching double-quote", open);
                }
                if (p == '"') {
                    next();
                    return result.toString();
                }
                if (p == '$') {
                    result.append(processDollar());
                    continue;
                }
                int ch = next();
                if (ch == escapeToken) {
                    if (rawEscapes) {
                        result.appendCodePoint(ch);
                    }
                    int q = peek();
                    if (q == EOF) {
                        continue; // reported as an unterminated quote on the next turn
                    }
                    if (q == '"' || q == '$' || q == escapeToken) {
                        ch = next();
                    }
                    // any other char: the escape token stays (and in raw mode appears twice,
                    // exactly as BuildKit writes it)
                }
                result.appendCodePoint(ch);
            }
        }

        String processDollar() throws ExpansionException {
            int start = pos;
            next(); // '$'
            if (peek() != '{') {
                String name = processName();
                if (name.isEmpty()) {
                    return "$"; // "$." or a trailing "$" is literal
                }
                return orEmpty(lookup(name));
            }
            next(); // '{'
            int p = peek();
            if (p == EOF) {
                throw error("syntax error: missing '}'", start);
            }
            if (p == '{' || p == '}' || p == ':') {
                throw error("syntax error: bad substitution", pos);
            }
            if (depth >= MAX_NESTING) {
                throw error("too many nested ${} expansions (more than " + MAX_NESTING + ")", start);
            }
            depth++;
            try {
                return processBraced(start);
            } finally {
                depth--;
            }
        }

        /** After {@code ${}: name, operator, operand(s), closing brace. */
        private String processBraced(int start) throws ExpansionException {
            String name = processName();
            int opAt = pos;
            int ch = next();
            if (ch == EOF) {
                // BuildKit says "unsupported modifier (\uFFFD)" here; "missing '}'" is the truth.
                throw error("syntax error: missing '}'", start);
            }
            String chs = Character.toString(ch);
            boolean nullIsUnset = false;
            switch (ch) {
                case '}':
                    return orEmpty(lookup(name));
                case '/':
                    return processReplace(start, name);
                case ':':
                case '+':
                case '-':
                case '?':
                case '#':
                case '%':
                    break;
                default:
                    throw error("unsupported modifier (" + chs + ") in substitution", opAt);
            }
            if (ch == ':') {
                nullIsUnset = true;
                ch = next();
                if (ch != EOF) {
                    chs += Character.toString(ch);
                }
            }
            boolean pattern = ch == '#' || ch == '%';
            if (nullIsUnset && pattern) {
                throw error("unsupported modifier (" + chs + ") in substitution", opAt);
            }
            // Like BuildKit, the operand is expanded before the operator is checked and whether
            // or not it is used, so its variables are always looked up.
            String word = operand(start, '}', pattern, "syntax error: missing '}'");
            String value = lookup(name);
            boolean unsetOrNull = value == null || (nullIsUnset && value.isEmpty());
            switch (ch) {
                case '-':
                    return unsetOrNull ? word : orEmpty(value);
                case '+':
                    return unsetOrNull ? "" : word;
                case '?':
                    if (value == null) {
                        throw error(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word), start);
                    }
                    if (nullIsUnset && value.isEmpty()) {
                        throw error(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word), start);
                    }
                    return value;
                case '#':
                case '%':
                    return trim(start, ch, word, orEmpty(value));
                default:
                    throw error("unsupported modifier (" + chs + ") in substitution", opAt);
            }
        }

        /** Reads an operand up to {@code stop}; running out of input becomes {@code eofReason}. */
        private String operand(int start, int stop, boolean raw, String eofReason) throws ExpansionException {
            try {
                return processStopOn(stop, raw, null);
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw error(eofReason, start);
                }
                throw e;
            }
        }

        /** {@code ${v#p} ${v##p} ${v%p} ${v%%p}}: strip the shortest/longest match. */
        private String trim(int start, int op, String word, String value) throws ExpansionException {
            boolean greedy = !word.isEmpty() && word.charAt(0) == op;
            String pat = greedy ? word.substring(1) : word;
            boolean suffix = op == '%';
            try {
                // BuildKit finds the shortest rightmost match by reversing pattern and value.
                Glob glob = Glob.compile(suffix ? Glob.reversePattern(pat) : pat, greedy);
                int[] text = value.codePoints().toArray();
                if (suffix) {
                    reverse(text);
                }
                int end = glob.matchPrefix(text);
                if (end < 0) {
                    return value;
                }
                int[] rest = Arrays.copyOfRange(text, end, text.length);
                if (suffix) {
                    reverse(rest);
                }
                return new String(rest, 0, rest.length);
            } catch (Glob.BadPattern e) {
                throw error("invalid pattern (" + pat + ") in substitution: " + e.getMessage(), start);
            }
        }

        /** {@code ${v/p/r}} (first match) and {@code ${v//p/r}} (all matches). */
        private String processReplace(int start, String name) throws ExpansionException {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pat = operand(start, '/', true, "syntax error: missing '/' in ${}");
            String replacement = operand(start, '}', true, "syntax error: missing '}'");
            String value = orEmpty(lookup(name));
            Glob glob;
            try {
                glob = Glob.compile(pat, true);
            } catch (Glob.BadPattern e) {
                throw error("invalid pattern (" + pat + ") in substitution: " + e.getMessage(), start);
            }
            int[] text = value.codePoints().toArray();
            if (all) {
                return glob.replaceAll(text, replacement);
            }
            int[] m = glob.find(text, 0);
            if (m == null) {
                return value;
            }
            return new String(text, 0, m[0]) + replacement + new String(text, m[1], text.length - m[1]);
        }

        /** A name: digits only, or one special parameter, or letters/digits/underscores. */
        String processName() {
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.length() == 0 && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.length() == 0 && isSpecialParam(ch)) {
                    next();
                    return Character.toString(ch);
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }

        @Nullable String lookup(String name) {
            referenced.add(name);
            String value = ignoreCase ? env.getIgnoreCase(name) : env.get(name);
            if (value == null) {
                unmatched.add(name);
            }
            return value;
        }
    }

    private static boolean isSpecialParam(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Go's unicode.IsSpace: Latin-1 spaces incl. NEL and NBSP, else the White_Space property. */
    static boolean isSpace(int c) {
        if (c <= 0xFF) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
                || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /**
     * BuildKit's word splitter: a word ends at whitespace that is not protected; quoted text
     * is added raw (so {@code ""} alone makes no word, as in BuildKit).
     */
    private static final class Words {
        private final StringBuilder buf = new StringBuilder();
        private final List<String> words = new ArrayList<>();
        private boolean inWord;

        void addChar(int ch) {
            if (isSpace(ch) && inWord) {
                if (buf.length() != 0) {
                    words.add(buf.toString());
                    buf.setLength(0);
                    inWord = false;
                }
            } else if (!isSpace(ch)) {
                addRawChar(ch);
            }
        }

        void addRawChar(int ch) {
            buf.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String s) {
            s.codePoints().forEach(this::addChar);
        }

        void addRawString(String s) {
            buf.append(s);
            inWord = true;
        }

        List<String> finish() {
            if (buf.length() > 0) {
                words.add(buf.toString());
                buf.setLength(0);
                inWord = false;
            }
            return words;
        }
    }
}
