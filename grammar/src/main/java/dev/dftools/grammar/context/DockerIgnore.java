package dev.dftools.grammar.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A {@code .dockerignore} file with Docker's exact rules (moby/patternmatcher and its
 * {@code ignorefile} reader):
 * <ul>
 * <li>Lines starting with {@code #} are comments (only in the first column); lines are trimmed;
 * a leading UTF-8 BOM is dropped; blank lines are skipped.</li>
 * <li>A leading {@code !} makes an exception; each pattern is cleaned like a path
 * ({@code ./a/} is {@code a}) and a leading {@code /} is removed.</li>
 * <li>Patterns use {@code filepath.Match} syntax ({@code * ? [a-z] [^a] \x}); {@code **} matches
 * any number of directories; a pattern matching a directory excludes everything in it.</li>
 * <li>Later patterns win: a path is excluded when the last pattern that matches it, or one of its
 * parent directories, is not an exception.</li>
 * </ul>
 * Which file counts: {@code <Dockerfile>.dockerignore} next to the Dockerfile takes precedence
 * over {@code .dockerignore} at the context root. Immutable.
 */
public final class DockerIgnore {

    public static final String FILE_NAME = ".dockerignore";

    /** Thrown for a pattern Docker rejects; the build would fail reading the ignore file. */
    public static final class BadPatternException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadPatternException(String message) {
            super(message);
        }
    }

    /** One cleaned pattern; matching follows patternmatcher's four strategies. */
    private record Rule(String pattern, boolean exception, Kind kind,
            java.util.regex.@Nullable Pattern regex) {

        boolean matches(String path) {
            return switch (kind) {
                case EXACT -> path.equals(pattern);
                case PREFIX -> path.startsWith(pattern.substring(0, pattern.length() - 2));
                case SUFFIX -> {
                    String suffix = pattern.substring(2);
                    // "**/foo" also matches "foo" itself
                    yield path.endsWith(suffix) || (!suffix.isEmpty() && suffix.charAt(0) == '/'
                            && path.equals(suffix.substring(1)));
                }
                case REGEX -> regex != null && regex.matcher(path).find();
            };
        }
    }

    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    private final List<Rule> rules;
    private final boolean exceptions;
    private final @Nullable Path file;

    private DockerIgnore(List<Rule> rules, @Nullable Path file) {
        this.rules = List.copyOf(rules);
        this.exceptions = rules.stream().anyMatch(Rule::exception);
        this.file = file;
    }

    /** No patterns: nothing is excluded. */
    public static DockerIgnore empty() {
        return new DockerIgnore(List.of(), null);
    }

    /** The patterns of an ignore file's text, as Docker's ignorefile.ReadAll returns them. */
    public static List<String> readPatterns(String content) {
        List<String> result = new ArrayList<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        for (String rawLine : text.split("\r?\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = goTrimSpace(line);
            if (pattern.isEmpty()) {
                continue;
            }
            boolean invert = pattern.charAt(0) == '!';
            if (invert) {
                pattern = goTrimSpace(pattern.substring(1));
            }
            if (!pattern.isEmpty()) {
                pattern = GoPaths.clean(pattern);
                if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                    pattern = pattern.substring(1);
                }
            }
            result.add(invert ? "!" + pattern : pattern);
        }
        return result;
    }

    /** The text of an ignore file, parsed. */
    public static DockerIgnore parse(String content) throws BadPatternException {
        return of(readPatterns(content), null);
    }

    /** A matcher for patterns as patternmatcher.New takes them. */
    public static DockerIgnore of(List<String> patterns) throws BadPatternException {
        return of(patterns, null);
    }

    private static DockerIgnore of(List<String> patterns, @Nullable Path file) throws BadPatternException {
        List<Rule> rules = new ArrayList<>();
        for (String raw : patterns) {
            String p = goTrimSpace(raw);
            if (p.isEmpty()) {
                continue;
            }
            p = GoPaths.clean(p);
            boolean exception = p.charAt(0) == '!';
            if (exception) {
                if (p.length() == 1) {
                    throw new BadPatternException("illegal exclusion pattern: \"!\"");
                }
                p = p.substring(1);
            }
            try {
                GoGlob.validate(p);
            } catch (GoGlob.BadPatternException e) {
                throw new BadPatternException("syntax error in pattern: " + p);
            }
            rules.add(compile(p, exception));
        }
        return new DockerIgnore(rules, file);
    }

    /**
     * The ignore file that applies to a build: {@code <Dockerfile>.dockerignore} next to the
     * Dockerfile when it exists, else {@code .dockerignore} at the context root.
     */
    public static Optional<Path> locate(Path contextRoot, @Nullable Path dockerfile) {
        if (dockerfile != null) {
            Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + FILE_NAME);
            if (Files.isRegularFile(specific)) {
                return Optional.of(specific);
            }
        }
        Path general = contextRoot.resolve(FILE_NAME);
        return Files.isRegularFile(general) ? Optional.of(general) : Optional.empty();
    }

    /**
     * The ignore file of a build context, if it has one.
     *
     * @param dockerfile the Dockerfile (its {@code <name>.dockerignore} wins), or null
     */
    public static Optional<DockerIgnore> load(Path contextRoot, @Nullable Path dockerfile)
            throws IOException, BadPatternException {
        Optional<Path> path = locate(contextRoot, dockerfile);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String text = new String(Files.readAllBytes(path.get()), StandardCharsets.UTF_8);
        return Optional.of(of(readPatterns(text), path.get()));
    }

    /** The file the patterns came from, when read from disk. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The cleaned patterns, exceptions with their {@code !}. */
    public List<String> patterns() {
        return rules.stream().map(r -> r.exception() ? "!" + r.pattern() : r.pattern()).toList();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** True when some pattern is an {@code !} exception (BuildKit's CopyIgnoredFile gives up then). */
    public boolean hasExceptions() {
        return exceptions;
    }

    /**
     * patternmatcher's {@code MatchesOrParentMatches}: the slash-separated {@code path} as given
     * (not cleaned), checked against each pattern and each of its parent directories.
     */
    public boolean matchesOrParentMatches(String path) {
        boolean matched = false;
        String parent = GoPaths.dir(path);
        String[] parentDirs = parent.split("/", -1);
        for (Rule rule : rules) {
            if (rule.exception() != matched) {
                continue; // an inclusion cannot add to a match, an exception only undoes one
            }
            boolean match = rule.matches(path);
            if (!match && !parent.equals(".")) {
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < parentDirs.length && !match; i++) {
                    if (i > 0) {
                        prefix.append('/');
                    }
                    prefix.append(parentDirs[i]);
                    match = rule.matches(prefix.toString());
                }
            }
            if (match) {
                matched = !rule.exception();
            }
        }
        return matched;
    }

    /**
     * Whether a path of the context (relative to its root; {@code ./} and a leading {@code /}
     * allowed) is left out of what is sent to the builder. The root itself never is.
     */
    public boolean excludes(String contextPath) {
        String path = GoPaths.inContext(contextPath);
        if (path.equals(".")) {
            return false;
        }
        return matchesOrParentMatches(path);
    }

    @Override
    public String toString() {
        return "DockerIgnore" + patterns();
    }

    /** Go's strings.TrimSpace (ASCII and Unicode white space). */
    private static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f' || c == 0x85
                || c == 0xA0 || Character.isSpaceChar(c);
    }

    /**
     * patternmatcher's compile: exact when the pattern has no wildcard, prefix for a trailing
     * {@code **}, suffix for a leading one, else a regexp built the same way (then translated
     * from Go's RE2 syntax to java.util.regex).
     */
    private static Rule compile(String pattern, boolean exception) throws BadPatternException {
        StringBuilder re = new StringBuilder("^");
        Kind kind = Kind.EXACT;
        int[] p = pattern.codePoints().toArray();
        int pos = 0;
        // Go's text/scanner skips a byte order mark at the start
        if (p.length > 0 && p[0] == 0xFEFF) {
            pos = 1;
        }
        for (int i = 0; pos < p.length; i++) {
            int ch = p[pos++];
            if (ch == '*') {
                if (pos < p.length && p[pos] == '*') {
                    pos++;
                    if (pos < p.length && p[pos] == '/') {
                        pos++; // "**/" is "**"
                    }
                    if (pos >= p.length) {
                        if (kind == Kind.EXACT) {
                            kind = Kind.PREFIX;
                        } else {
                            re.append(".*");
                            kind = Kind.REGEX;
                        }
                    } else {
                        re.append("(.*/)?");
                        kind = Kind.REGEX;
                    }
                    if (i == 0) {
                        kind = Kind.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    kind = Kind.REGEX;
                }
            } else if (ch == '?') {
                re.append("[^/]");
                kind = Kind.REGEX;
            } else if (".+()|{}$".indexOf(ch) >= 0) {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                if (pos < p.length) {
                    re.append('\\').appendCodePoint(p[pos++]);
                    kind = Kind.REGEX;
                } else {
                    re.append('\\');
                }
            } else if (ch == '[' || ch == ']') {
                re.appendCodePoint(ch);
                kind = Kind.REGEX;
            } else {
                re.appendCodePoint(ch);
            }
        }
        java.util.regex.Pattern regex = null;
        if (kind == Kind.REGEX) {
            try {
                regex = java.util.regex.Pattern.compile(Re2.toJava(re.toString()) + "\\z",
                        java.util.regex.Pattern.UNIX_LINES);
            } catch (PatternSyntaxException | BadPatternException e) {
                throw new BadPatternException("syntax error in pattern: " + pattern);
            }
        }
        return new Rule(pattern, exception, kind, regex);
    }

    /** The subset of Go's RE2 syntax that patternmatcher produces, rewritten for java.util.regex. */
    static final class Re2 {

        private Re2() {
        }

        static String toJava(String re2) throws BadPatternException {
            int[] s = re2.codePoints().toArray();
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < s.length) {
                int c = s[i];
                if (c == '\\') {
                    i = escape(s, i, out);
                } else if (c == '[') {
                    i = charClass(s, i, out);
                } else {
                    out.appendCodePoint(c);
                    i++;
                }
            }
            return out.toString();
        }

        /** A class: in RE2 a {@code [} inside is literal and a leading {@code ]} is a member. */
        private static int charClass(int[] s, int start, StringBuilder out) throws BadPatternException {
            int i = start + 1;
            out.append('[');
            if (i < s.length && s[i] == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            while (i < s.length) {
                int c = s[i];
                if (c == ']' && !first) {
                    out.append(']');
                    return i + 1;
                }
                first = false;
                if (c == '\\') {
                    i = escape(s, i, out);
                    continue;
                }
                if (c == '[' && i + 1 < s.length && s[i + 1] == ':') {
                    int end = indexOf(s, i + 2, ":]");
                    if (end > 0) {
                        out.append(posixClass(new String(s, i + 2, end - i - 2)));
                        i = end + 2;
                        continue;
                    }
                }
                if (c == '[' || c == '&' || c == ']') {
                    out.append('\\').appendCodePoint(c);
                } else {
                    out.appendCodePoint(c);
                }
                i++;
            }
            throw new BadPatternException("missing closing ]");
        }

        private static int indexOf(int[] s, int from, String what) {
            for (int i = from; i + 1 < s.length; i++) {
                if (s[i] == what.charAt(0) && s[i + 1] == what.charAt(1)) {
                    return i;
                }
            }
            return -1;
        }

        private static String posixClass(String name) throws BadPatternException {
            boolean negated = name.startsWith("^");
            String base = negated ? name.substring(1) : name;
            String java = switch (base) {
                case "alnum" -> "Alnum";
                case "alpha" -> "Alpha";
                case "ascii" -> "ASCII";
                case "blank" -> "Blank";
                case "cntrl" -> "Cntrl";
                case "digit" -> "Digit";
                case "graph" -> "Graph";
                case "lower" -> "Lower";
                case "print" -> "Print";
                case "punct" -> "Punct";
                case "space" -> "Space";
                case "upper" -> "Upper";
                case "word" -> null;
                case "xdigit" -> "XDigit";
                default -> throw new BadPatternException("invalid character class range: [:" + name + ":]");
            };
            if (java == null) {
                return negated ? "\\W" : "\\w";
            }
            return (negated ? "\\P{" : "\\p{") + java + "}";
        }

        /** An RE2 escape: punctuation is literal, Perl classes and anchors mean the same in Java. */
        private static int escape(int[] s, int i, StringBuilder out) throws BadPatternException {
            if (i + 1 >= s.length) {
                throw new BadPatternException("trailing backslash at end of expression");
            }
            int c = s[i + 1];
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                out.append('\\').appendCodePoint(c);
            } else if ("dDsSwWbBAz".indexOf(c) >= 0) {
                out.append('\\').appendCodePoint(c);
            } else if (c == 't' || c == 'n' || c == 'r' || c == 'f' || c == 'a') {
                out.append('\\').appendCodePoint(c);
            } else if (c == 'v') {
                out.append("\\x{0B}");
            } else if (c >= 128) {
                out.append("\\x{").append(Integer.toHexString(c)).append('}');
            } else {
                // \x, \p, \Q, octal and the like: valid in RE2 but never meant in an ignore file
                throw new BadPatternException("unsupported escape \\" + Character.toString(c));
            }
            return i + 2;
        }
    }
}
