package dev.dftools.grammar.ast;

import java.util.Arrays;

/** Converts char offsets of one text to 1-based line/column positions. Immutable. */
public final class LineIndex {

    private final int[] lineStarts;
    private final int length;

    private LineIndex(int[] lineStarts, int length) {
        this.lineStarts = lineStarts;
        this.length = length;
    }

    public static LineIndex of(CharSequence text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineIndex(Arrays.copyOf(starts, count), text.length());
    }

    /** Number of lines; a text ending in a newline has an empty last line. */
    public int lineCount() {
        return lineStarts.length;
    }

    public int length() {
        return length;
    }

    /** Offset of the first char of a 1-based line. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    public SourcePosition position(int offset) {
        int clamped = Math.max(0, Math.min(offset, length));
        int idx = Arrays.binarySearch(lineStarts, clamped);
        int line = idx >= 0 ? idx : -idx - 2;
        return new SourcePosition(line + 1, clamped - lineStarts[line] + 1, clamped);
    }

    public SourceRange range(int startOffset, int endOffset) {
        return new SourceRange(position(startOffset), position(Math.max(startOffset, endOffset)));
    }

    /** Offset of a 1-based line and column, clamped to the text. */
    public int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return length;
        }
        int start = lineStarts[line - 1];
        int lineEnd = line < lineStarts.length ? lineStarts[line] : length;
        return Math.min(start + Math.max(0, column - 1), lineEnd);
    }
}
