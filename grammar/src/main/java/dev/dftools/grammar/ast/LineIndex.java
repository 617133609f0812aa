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

    /**
     * The index of {@code newText}, made from this one's: {@code newText} is this index's text with
     * the chars from {@code start} to {@code oldEnd} replaced. Only the replacement is scanned; the
     * lines after it move by the change in length.
     */
    public LineIndex edited(int start, int oldEnd, CharSequence newText) {
        int delta = newText.length() - length;
        int newEnd = oldEnd + delta;
        // old lines starting within [0, start] keep their start (their newline lies before the edit)
        int kept = Arrays.binarySearch(lineStarts, start);
        kept = kept >= 0 ? kept + 1 : -kept - 1;
        int[] starts = Arrays.copyOf(lineStarts, kept + (newEnd - start) + (lineStarts.length - kept) + 1);
        int count = kept;
        for (int i = start; i < newEnd; i++) {
            if (newText.charAt(i) == '\n') {
                starts[count++] = i + 1;
            }
        }
        // old lines whose newline lies after the edit move with the text
        int after = Arrays.binarySearch(lineStarts, oldEnd + 1);
        after = after >= 0 ? after : -after - 1;
        for (int i = after; i < lineStarts.length; i++) {
            starts[count++] = lineStarts[i] + delta;
        }
        return new LineIndex(Arrays.copyOf(starts, count), newText.length());
    }

    /** Both index the same lines of texts of the same length. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LineIndex other && length == other.length && Arrays.equals(lineStarts, other.lineStarts);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(lineStarts);
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
