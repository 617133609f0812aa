package dev.dftools.lsp.features.format;

import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.Node;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.model.Instructions;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Document, range and on-type formatting. Line by line, it:
 * <ul>
 * <li>removes the indentation of instruction lines and standalone comments;</li>
 * <li>sets keywords (and {@code AS}) to the configured case;</li>
 * <li>puts one space between the keyword and its first argument;</li>
 * <li>indents continuation lines by {@code continuationIndent}, except a line that starts inside a
 * quoted string, whose leading white space is part of the string;</li>
 * <li>trims trailing white space and ends the file with one newline.</li>
 * </ul>
 * Heredoc bodies and terminators, parser directives and everything else inside a line are never
 * touched, so the parse stays the same (up to white space at continuation joins) and formatting
 * twice changes nothing. Edits cover only the changed span of each line.
 */
public final class FormattingProvider {

    private enum Kind { OTHER, FIRST, CONTINUATION, QUOTED_CONTINUATION, FROZEN }

    public List<TextEdit> format(DocumentSnapshot snapshot, FormatterOptions options) {
        return edits(snapshot, options, 1, Integer.MAX_VALUE);
    }

    /** Edits on the lines the range touches (instructions are classified as a whole). */
    public List<TextEdit> formatRange(DocumentSnapshot snapshot, Range range, FormatterOptions options) {
        int endLine = range.getEnd().getLine() + 1;
        if (range.getEnd().getCharacter() == 0 && range.getEnd().getLine() > range.getStart().getLine()) {
            endLine--;
        }
        return edits(snapshot, options, range.getStart().getLine() + 1, endLine);
    }

    /**
     * On-type formatting after a newline: when the new line continues an instruction (the line
     * above ends with the escape character), indent it.
     */
    public List<TextEdit> formatOnType(DocumentSnapshot snapshot, Position position, String typed,
            FormatterOptions options) {
        if (!typed.equals("\n") || position.getLine() == 0) {
            return List.of();
        }
        LineIndex lines = snapshot.lines();
        String text = snapshot.text();
        int line = position.getLine() + 1;
        if (line > lines.lineCount()) {
            return List.of();
        }
        String previous = lineContent(text, lines, line - 1).stripTrailing();
        if (previous.isEmpty() || previous.charAt(previous.length() - 1) != snapshot.ast().escape()) {
            return List.of();
        }
        int start = lines.lineStart(line);
        Optional<Instruction> instruction = Instructions.at(snapshot.ast(), start - 1);
        if (instruction.isEmpty() || isHeredocLine(instruction.get(), line)) {
            return List.of();
        }
        String current = lineContent(text, lines, line);
        int ws = leadingWhitespace(current);
        String indent = options.indent();
        if (current.substring(0, ws).equals(indent)) {
            return List.of();
        }
        return List.of(new TextEdit(LspRanges.range(lines, start, start + ws), indent));
    }

    private static List<TextEdit> edits(DocumentSnapshot snapshot, FormatterOptions options, int fromLine,
            int toLine) {
        String text = snapshot.text();
        LineIndex lines = snapshot.lines();
        int count = lines.lineCount();
        Kind[] kinds = classify(snapshot, count, options.indent());
        List<List<int[]>> keywordEdits = new ArrayList<>(java.util.Collections.nCopies(count + 1, null));
        List<List<String>> keywordTexts = new ArrayList<>(java.util.Collections.nCopies(count + 1, null));
        for (Instruction i : snapshot.ast().instructions()) {
            keywordFixes(i, options, text, snapshot.ast().escape(), keywordEdits, keywordTexts);
        }
        List<TextEdit> edits = new ArrayList<>();
        int last = Math.min(count, toLine);
        for (int line = Math.max(1, fromLine); line <= last; line++) {
            if (kinds[line] == Kind.FROZEN) {
                continue;
            }
            lineEdits(lines, lines.lineStart(line), lineContent(text, lines, line), kinds[line],
                    keywordEdits.get(line), keywordTexts.get(line), options, edits);
        }
        if (options.finalNewline() && last == count && !text.isEmpty() && !text.endsWith("\n")
                && kinds[count] != Kind.FROZEN) {
            int end = text.length();
            edits.add(new TextEdit(LspRanges.range(lines, end, end), text.contains("\r\n") ? "\r\n" : "\n"));
        }
        return edits;
    }

    /** The edits of one line, each on its own span of the old line, in order. */
    private static void lineEdits(LineIndex lines, int lineStart, String old, Kind kind, List<int[]> keywordSpans,
            List<String> keywordTexts, FormatterOptions options, List<TextEdit> out) {
        int ws = leadingWhitespace(old);
        int trimmedEnd = options.trimTrailingWhitespace() ? stripTrailingBlanks(old).length() : old.length();
        if (ws == old.length()) {
            // a blank line: only trailing white space matters
            if (trimmedEnd < old.length()) {
                emit(lines, lineStart, old, 0, old.length(), "", out);
            }
            return;
        }
        String indent = switch (kind) {
            case FIRST -> "";
            case CONTINUATION -> options.indent();
            case OTHER -> old.charAt(ws) == '#' ? "" : null;
            default -> null;
        };
        if (indent != null) {
            emit(lines, lineStart, old, 0, ws, indent, out);
        }
        if (keywordSpans != null) {
            for (int k = 0; k < keywordSpans.size(); k++) {
                int[] span = keywordSpans.get(k);
                emit(lines, lineStart, old, span[0], Math.min(span[1], trimmedEnd), keywordTexts.get(k), out);
            }
        }
        if (trimmedEnd < old.length()) {
            emit(lines, lineStart, old, trimmedEnd, old.length(), "", out);
        }
    }

    /** Replaces old[from, to) by the new text, shrunk to the chars that really change. */
    private static void emit(LineIndex lines, int lineStart, String old, int from, int to, String replacement,
            List<TextEdit> out) {
        if (to < from) {
            return;
        }
        String current = old.substring(from, to);
        if (current.equals(replacement)) {
            return;
        }
        int prefix = 0;
        int max = Math.min(current.length(), replacement.length());
        while (prefix < max && current.charAt(prefix) == replacement.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && current.charAt(current.length() - 1 - suffix)
                == replacement.charAt(replacement.length() - 1 - suffix)) {
            suffix++;
        }
        out.add(new TextEdit(LspRanges.range(lines, lineStart + from + prefix, lineStart + to - suffix),
                replacement.substring(prefix, replacement.length() - suffix)));
    }

    /** Spaces and tabs only (a CR of a CRLF line ending is not part of the line content). */
    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The line without its line ending ({@code \n} or {@code \r\n}). */
    private static String lineContent(String text, LineIndex lines, int line) {
        int start = lines.lineStart(line);
        int end = line < lines.lineCount() ? lines.lineStart(line + 1) - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, end);
    }

    /** Line kinds, 1-based. */
    private static Kind[] classify(DocumentSnapshot snapshot, int count, String indent) {
        Kind[] kinds = new Kind[count + 1];
        java.util.Arrays.fill(kinds, Kind.OTHER);
        for (Directive d : snapshot.ast().directives()) {
            kinds[d.range().startLine()] = Kind.FROZEN;
        }
        String text = snapshot.text();
        char escape = snapshot.ast().escape();
        for (Instruction i : snapshot.ast().instructions()) {
            int first = i.range().startLine();
            int last = i.range().endLine();
            kinds[first] = Kind.FIRST;
            for (int line = first + 1; line <= last; line++) {
                kinds[line] = Kind.CONTINUATION;
            }
            for (Heredoc h : i.heredocs()) {
                int bodyStart = h.opener().range().endLine() + 1;
                int end = h.terminator() != null ? h.terminator().endLine() : last;
                for (int line = bodyStart; line <= end && line <= count; line++) {
                    kinds[line] = Kind.FROZEN;
                }
            }
            markQuotedLines(text, snapshot.lines(), i, escape, kinds);
            markGluedLines(text, snapshot.lines(), i, escape, kinds, indent);
        }
        return kinds;
    }

    /**
     * Continuation lines that start inside a quoted string keep their indentation: BuildKit joins
     * the lines, so that white space is inside the string.
     */
    private static void markQuotedLines(String text, LineIndex lines, Instruction i, char escape, Kind[] kinds) {
        int first = i.range().startLine();
        int last = i.range().endLine();
        if (first == last) {
            return;
        }
        char quote = 0;
        for (int line = first; line <= last; line++) {
            if (kinds[line] == Kind.FROZEN) {
                continue;
            }
            String content = lineContent(text, lines, line);
            if (line > first) {
                if (quote != 0) {
                    kinds[line] = Kind.QUOTED_CONTINUATION;
                } else if (content.stripLeading().startsWith("#")) {
                    continue; // a comment line inside a continuation: BuildKit drops it
                }
            }
            int c = 0;
            while (c < content.length()) {
                char ch = content.charAt(c);
                if (ch == escape && quote != '\'') {
                    c += 2;
                } else if (quote == 0 && (ch == '"' || ch == '\'')) {
                    quote = ch;
                    c++;
                } else if (quote != 0 && ch == quote) {
                    quote = 0;
                    c++;
                } else {
                    c++;
                }
            }
        }
    }

    /**
     * BuildKit joins continuation lines with nothing in between: {@code light\\} + {@code ning} is
     * one word. A line that would glue to the text before it keeps its (lack of) indentation; so
     * does every continuation of a legacy {@code ENV key value}, whose white space is the value.
     * The state is "does the joined text so far end in white space", computed on the formatted
     * lines, so that formatting the result again decides the same.
     */
    private static void markGluedLines(String text, LineIndex lines, Instruction i, char escape, Kind[] kinds,
            String indent) {
        boolean legacyEnv = i instanceof Instruction.Env env && env.pairs().stream().anyMatch(p -> p.legacy());
        boolean endsWithBlank = endsWithBlank(body(lineContent(text, lines, i.range().startLine()), escape), false);
        for (int line = i.range().startLine() + 1; line <= i.range().endLine(); line++) {
            if (kinds[line] == Kind.FROZEN) {
                endsWithBlank = true; // a heredoc ends a line
                continue;
            }
            String content = lineContent(text, lines, line);
            String stripped = content.strip();
            if (kinds[line] == Kind.CONTINUATION && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue; // BuildKit drops blank and comment lines inside a continuation
            }
            if (kinds[line] == Kind.CONTINUATION) {
                boolean startsWithBlank = !content.isEmpty() && Character.isWhitespace(content.charAt(0));
                boolean glued = !endsWithBlank && (!startsWithBlank || indent.isEmpty());
                if (glued || legacyEnv) {
                    kinds[line] = Kind.QUOTED_CONTINUATION;
                } else {
                    content = indent + content.stripLeading();
                }
            }
            endsWithBlank = endsWithBlank(body(content, escape), endsWithBlank);
        }
    }

    /** The line's text as BuildKit joins it: trailing blanks and the continuation escape removed. */
    private static String body(String content, char escape) {
        String s = stripTrailingBlanks(content);
        return !s.isEmpty() && s.charAt(s.length() - 1) == escape ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean endsWithBlank(String body, boolean before) {
        return body.isEmpty() ? before : Character.isWhitespace(body.charAt(body.length() - 1));
    }

    private static boolean isHeredocLine(Instruction i, int line) {
        for (Heredoc h : i.heredocs()) {
            int end = h.terminator() != null ? h.terminator().endLine() : i.range().endLine();
            if (line > h.opener().range().endLine() && line <= end) {
                return true;
            }
        }
        return false;
    }

    /** Spans (line-relative) and texts that recase the keyword (and AS) and put one space after the keyword. */
    private static void keywordFixes(Instruction i, FormatterOptions options, String text, char escape,
            List<List<int[]>> spans, List<List<String>> texts) {
        Node node = i.node();
        int line = node.keyword().range().startLine();
        int lineStart = node.keyword().range().start().offset() - (node.keyword().range().start().column() - 1);
        int lineEnd = lineEnd(text, lineStart);
        List<int[]> lineSpans = new ArrayList<>();
        List<String> lineTexts = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        words.add(node.keyword());
        if (node.trigger() != null) {
            words.add(node.trigger().keyword());
        }
        if (i instanceof Instruction.From from && from.asKeyword() != null) {
            words.add(from.asKeyword());
        }
        for (int k = 0; k < words.size(); k++) {
            Word w = words.get(k);
            if (w.range().startLine() != line || w.range().endLine() != line) {
                continue;
            }
            String value = text.substring(w.range().start().offset(), w.range().end().offset());
            String cased = switch (options.keywordCase()) {
                case UPPER -> value.toUpperCase(Locale.ROOT);
                case LOWER -> value.toLowerCase(Locale.ROOT);
                case PRESERVE -> value;
            };
            lineSpans.add(new int[] {w.range().start().offset() - lineStart, w.range().end().offset() - lineStart});
            lineTexts.add(cased);
            if (k == 0) {
                int afterKeyword = w.range().end().offset();
                int ws = afterKeyword;
                while (ws < lineEnd && (text.charAt(ws) == ' ' || text.charAt(ws) == '\t')) {
                    ws++;
                }
                char next = ws < lineEnd ? text.charAt(ws) : '\n';
                boolean argumentFollows = ws > afterKeyword && next != '\r' && next != '\n'
                        && next != escape;
                if (argumentFollows) {
                    lineSpans.add(new int[] {afterKeyword - lineStart, ws - lineStart});
                    lineTexts.add(" ");
                }
            }
        }
        spans.set(line, lineSpans);
        texts.set(line, lineTexts);
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }
}
