package dev.dftools.grammar.internal;

import dev.dftools.grammar.internal.SplitInstruction.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a logical line the way BuildKit's parser does (splitCommand, extractBuilderFlags and
 * the per-instruction line parsers), keeping the span of every piece.
 */
final class InstructionSplitter {

    private final char escape;

    InstructionSplitter(char escape) {
        this.escape = escape;
    }

    /** ONBUILD ONBUILD … is refused by BuildKit anyway; the cap keeps the recursion shallow. */
    static final int MAX_ONBUILD_DEPTH = 16;

    SplitInstruction split(String line) {
        return split(line, 0, line.length(), 0);
    }

    private SplitInstruction split(String line, int from, int to, int depth) {
        int start = GoText.skipSpace(line, from, to);
        int end = GoText.trimEnd(line, start, to);
        int keywordEnd = start;
        while (keywordEnd < end && !GoText.isTokenSpace(line.charAt(keywordEnd))) {
            keywordEnd++;
        }
        Part keyword = new Part(line.substring(start, keywordEnd), start, keywordEnd);
        List<Part> flags = new ArrayList<>();
        int restStart = end;
        if (keywordEnd < end) {
            int argsFrom = keywordEnd;
            while (argsFrom < end && GoText.isTokenSpace(line.charAt(argsFrom))) {
                argsFrom++;
            }
            restStart = extractFlags(line, argsFrom, end, flags);
        }
        restStart = GoText.skipSpace(line, restStart, end);
        int restEnd = GoText.trimEnd(line, restStart, end);
        String name = keyword.value().toLowerCase(Locale.ROOT);
        ArgsBuilder args = new ArgsBuilder();
        SplitInstruction trigger = null;
        String error = null;
        try {
            switch (name) {
                case "add", "copy", "volume" -> parseMaybeJsonToList(line, restStart, restEnd, args);
                case "run", "cmd", "entrypoint", "shell" -> parseMaybeJson(line, restStart, restEnd, args);
                case "arg" -> parseWords(line, restStart, restEnd).forEach(args.parts::add);
                case "env" -> parseNameValue(line, restStart, restEnd, "ENV", args);
                case "label" -> parseNameValue(line, restStart, restEnd, "LABEL", args);
                case "expose", "from" -> splitWhitespace(line, restStart, restEnd, args);
                case "healthcheck" -> parseHealthcheck(line, restStart, restEnd, args);
                case "maintainer", "stopsignal", "user", "workdir" -> {
                    if (restStart < restEnd) {
                        args.parts.add(new Part(line.substring(restStart, restEnd), restStart, restEnd));
                    }
                }
                case "onbuild" -> {
                    if (restStart < restEnd && depth < MAX_ONBUILD_DEPTH) {
                        trigger = split(line, restStart, restEnd, depth + 1);
                    }
                }
                default -> args.parts.add(new Part("", restStart, restStart));
            }
        } catch (LineError e) {
            error = e.getMessage();
        }
        if (trigger != null && trigger.error() != null) {
            error = trigger.error();
        }
        return new SplitInstruction(keyword, List.copyOf(flags), restStart, restEnd, List.copyOf(args.parts),
                args.json, error, trigger);
    }

    /** A BuildKit line-parser error; becomes an invalid instruction. */
    private static final class LineError extends Exception {
        private static final long serialVersionUID = 1L;

        LineError(String message) {
            super(message, null, false, false);
        }
    }

    private static final class ArgsBuilder {
        final List<Part> parts = new ArrayList<>();
        boolean json;
    }

    /**
     * extractBuilderFlags: leading words starting with "--" are flags, quotes are removed and a
     * backslash keeps the next char; a bare "--" ends the flags. Returns where the rest starts.
     */
    private static int extractFlags(String line, int from, int to, List<Part> flags) {
        StringBuilder word = new StringBuilder();
        int pos = from;
        while (true) {
            while (pos < to && GoText.isSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos >= to) {
                return to;
            }
            if (line.charAt(pos) != '-' || pos + 1 >= to || line.charAt(pos + 1) != '-') {
                return pos;
            }
            int wordStart = pos;
            word.setLength(0);
            boolean blankOk = false;
            char quote = 0;
            boolean inQuote = false;
            while (pos < to) {
                char ch = line.charAt(pos);
                if (!inQuote) {
                    if (GoText.isSpace(ch)) {
                        break;
                    }
                    if (ch == '\'' || ch == '"') {
                        quote = ch;
                        blankOk = true;
                        inQuote = true;
                        pos++;
                        continue;
                    }
                } else if (ch == quote) {
                    inQuote = false;
                    pos++;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == to) {
                        pos++;
                        inQuote = false;
                        continue;
                    }
                    pos++;
                    ch = line.charAt(pos);
                }
                word.append(ch);
                pos++;
            }
            String value = word.toString();
            if (value.equals("--")) {
                return pos;
            }
            if (blankOk || !value.isEmpty()) {
                flags.add(new Part(value, wordStart, pos));
            }
        }
    }

    private static void parseMaybeJson(String line, int from, int to, ArgsBuilder args) throws LineError {
        if (from >= to) {
            return;
        }
        if (tryJson(line, from, to, args)) {
            return;
        }
        args.parts.add(new Part(line.substring(from, to), from, to));
    }

    private static void parseMaybeJsonToList(String line, int from, int to, ArgsBuilder args) throws LineError {
        if (tryJson(line, from, to, args)) {
            return;
        }
        splitWhitespace(line, from, to, args);
    }

    /** @return true when the text was a JSON array of strings (added to args) */
    private static boolean tryJson(String line, int from, int to, ArgsBuilder args) throws LineError {
        JsonArray.Result result = JsonArray.parse(line, from, to);
        if (result instanceof JsonArray.Strings strings) {
            for (JsonArray.Element e : strings.elements()) {
                args.parts.add(new Part(e.value(), e.start(), e.end()));
            }
            args.json = true;
            return true;
        }
        if (result instanceof JsonArray.NotStrings) {
            throw new LineError("when using JSON array syntax, arrays must be comprised of strings only");
        }
        return false;
    }

    /** parseStringsWhitespaceDelimited: split on runs of [\t\v\f\r ]. */
    private static void splitWhitespace(String line, int from, int to, ArgsBuilder args) {
        if (from >= to) {
            return;
        }
        int wordStart = from;
        int i = from;
        while (i <= to) {
            if (i == to || GoText.isTokenSpace(line.charAt(i))) {
                args.parts.add(new Part(line.substring(wordStart, i), wordStart, i));
                while (i < to && GoText.isTokenSpace(line.charAt(i))) {
                    i++;
                }
                wordStart = i;
                if (i == to) {
                    break;
                }
            } else {
                i++;
            }
        }
    }

    /** parseHealthConfig: the type word, then the command like CMD. */
    private static void parseHealthcheck(String line, int from, int to, ArgsBuilder args) throws LineError {
        int sep = from;
        while (sep < to && !GoText.isSpace(line.charAt(sep))) {
            sep++;
        }
        if (sep == from) {
            return;
        }
        int next = GoText.skipSpace(line, sep, to);
        args.parts.add(new Part(line.substring(from, sep), from, sep));
        parseMaybeJson(line, next, to, args);
    }

    /** parseNameVal (ENV, LABEL): legacy "KEY value" or "k=v k2=v2" triples of key, value, separator. */
    private void parseNameValue(String line, int from, int to, String instruction, ArgsBuilder args)
            throws LineError {
        List<Part> words = parseWords(line, from, to);
        if (words.isEmpty()) {
            return;
        }
        if (words.get(0).value().indexOf('=') < 0) {
            int keyEnd = from;
            while (keyEnd < to && !GoText.isTokenSpace(line.charAt(keyEnd))) {
                keyEnd++;
            }
            if (keyEnd >= to) {
                throw new LineError(instruction + " must have two arguments");
            }
            int valueStart = keyEnd;
            while (valueStart < to && GoText.isTokenSpace(line.charAt(valueStart))) {
                valueStart++;
            }
            args.parts.add(new Part(line.substring(from, keyEnd), from, keyEnd));
            args.parts.add(new Part(line.substring(valueStart, to), valueStart, to));
            args.parts.add(new Part("", to, to));
            return;
        }
        for (Part word : words) {
            int eq = word.value().indexOf('=');
            if (eq < 0) {
                throw new LineError("Syntax error - can't find = in " + GoQuote.quote(word.value())
                        + ". Must be of the form: name=value");
            }
            int eqAt = word.start() + eq;
            args.parts.add(new Part(word.value().substring(0, eq), word.start(), eqAt));
            args.parts.add(new Part(word.value().substring(eq + 1), eqAt + 1, word.end()));
            args.parts.add(new Part("=", eqAt, eqAt + 1));
        }
    }

    /**
     * parseWords: words separated by white space outside quotes; quotes and escapes are kept in
     * the word (removed later, by variable expansion). An escape at the very end is dropped.
     */
    List<Part> parseWords(String line, int from, int to) {
        List<Part> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int pos = from;
        while (pos < to) {
            while (pos < to && GoText.isSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos >= to) {
                break;
            }
            int wordStart = pos;
            word.setLength(0);
            boolean blankOk = false;
            char quote = 0;
            boolean inQuote = false;
            while (pos < to) {
                char ch = line.charAt(pos);
                if (!inQuote) {
                    if (GoText.isSpace(ch)) {
                        break;
                    }
                    if (ch == '\'' || ch == '"') {
                        quote = ch;
                        blankOk = true;
                        inQuote = true;
                    } else if (ch == escape) {
                        if (pos + 1 == to) {
                            pos++;
                            continue;
                        }
                        word.append(ch);
                        pos++;
                        ch = line.charAt(pos);
                    }
                    word.append(ch);
                    pos++;
                    continue;
                }
                if (ch == quote) {
                    inQuote = false;
                } else if (ch == escape && quote != '\'') {
                    if (pos + 1 == to) {
                        pos++;
                        inQuote = false;
                        continue;
                    }
                    word.append(ch);
                    pos++;
                    ch = line.charAt(pos);
                }
                word.append(ch);
                pos++;
            }
            if (blankOk || word.length() > 0) {
                words.add(new Part(word.toString(), wordStart, pos));
            }
        }
        return words;
    }
}
