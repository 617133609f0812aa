package dev.dftools.lsp.text;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourcePosition;
import dev.dftools.grammar.ast.SourceRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The one place that converts between the AST's positions (1-based line and column, columns in
 * UTF-16 code units) and LSP's (0-based line and UTF-16 character).
 */
public final class LspRanges {

    private LspRanges() {
    }

    public static Position position(SourcePosition p) {
        return new Position(p.line() - 1, p.column() - 1);
    }

    public static Range range(SourceRange r) {
        return new Range(position(r.start()), position(r.end()));
    }

    /** The char offset of an LSP position, clamped to the text (clients may send positions past a line's end). */
    public static int offset(LineIndex lines, Position p) {
        int line = p.getLine() + 1;
        if (line < 1) {
            return 0;
        }
        if (line > lines.lineCount()) {
            return lines.length();
        }
        int start = lines.lineStart(line);
        return start + Math.max(0, Math.min(p.getCharacter(), contentEnd(lines, line) - start));
    }

    /** Where a line's content ends: before its newline, as LSP counts a line's length. */
    private static int contentEnd(LineIndex lines, int line) {
        if (line == lines.lineCount()) {
            return lines.length();
        }
        return lines.lineStart(line + 1) - 1;
    }

    public static SourceRange sourceRange(LineIndex lines, Range r) {
        int start = offset(lines, r.getStart());
        int end = offset(lines, r.getEnd());
        return lines.range(Math.min(start, end), Math.max(start, end));
    }

    /** A range given by char offsets of the text the line index was built from. */
    public static Range range(LineIndex lines, int startOffset, int endOffset) {
        return range(lines.range(startOffset, endOffset));
    }
}
