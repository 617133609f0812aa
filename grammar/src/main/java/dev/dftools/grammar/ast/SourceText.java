package dev.dftools.grammar.ast;

import java.util.Arrays;
import java.util.Objects;

/**
 * A piece of text derived from the source, with the source offset of each of its chars.
 * BuildKit joins continuation lines into one logical line (dropping the escape character,
 * the newline and any comment lines inside); this class keeps the way back, so that anything
 * found in the logical text (a shell word, a flag) gets its exact source range.
 * Immutable.
 */
public final class SourceText {

    private final String text;
    /** sourceOffsets[i] is the source offset of text.charAt(i); one extra entry for the end. */
    private final int[] sourceOffsets;
    private final LineIndex lines;

    private SourceText(String text, int[] sourceOffsets, LineIndex lines) {
        this.text = text;
        this.sourceOffsets = sourceOffsets;
        this.lines = lines;
    }

    /**
     * @param sourceOffsets source offset per char of {@code text} plus one trailing entry (the
     *                      offset just after the last char); copied
     */
    public static SourceText of(String text, int[] sourceOffsets, LineIndex lines) {
        if (sourceOffsets.length != text.length() + 1) {
            throw new IllegalArgumentException("need one offset per char plus the end");
        }
        return new SourceText(text, sourceOffsets.clone(), lines);
    }

    /** A contiguous slice of the source itself: offsets map one to one. */
    public static SourceText contiguous(String source, int from, int to, LineIndex lines) {
        int[] offsets = new int[to - from + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = from + i;
        }
        return new SourceText(source.substring(from, to), offsets, lines);
    }

    /**
     * The same text moved by {@code delta} chars in a new version of the source whose line index is
     * {@code lines} (for a parse that reuses an unchanged part of the previous version).
     */
    public SourceText shifted(int delta, LineIndex lines) {
        int[] offsets = new int[sourceOffsets.length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = sourceOffsets[i] + delta;
        }
        return new SourceText(text, offsets, lines);
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public LineIndex lines() {
        return lines;
    }

    /** Source offset of the char at {@code index} (or the end when index == length). */
    public int sourceOffset(int index) {
        return sourceOffsets[index];
    }

    /**
     * The source range of the chars [from, to) of this text. It ends right after the last char
     * (not at the next char's offset, which may lie after a continuation).
     */
    public SourceRange range(int from, int to) {
        if (from < 0 || to > text.length() || to < from) {
            throw new IndexOutOfBoundsException(from + ".." + to + " of " + text.length());
        }
        int start = sourceOffsets[from];
        int end = to == from ? start : sourceOffsets[to - 1] + 1;
        return lines.range(start, end);
    }

    /** The whole text's source range. */
    public SourceRange range() {
        return range(0, text.length());
    }

    public SourceText slice(int from, int to) {
        int[] offsets = Arrays.copyOfRange(sourceOffsets, from, to + 1);
        if (to < text.length() && to > from) {
            // the end entry of a slice is just after its last char, not the next char
            offsets[to - from] = sourceOffsets[to - 1] + 1;
        }
        return new SourceText(text.substring(from, to), offsets, lines);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceText other && text.equals(other.text)
                && Arrays.equals(sourceOffsets, other.sourceOffsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, Arrays.hashCode(sourceOffsets));
    }

    @Override
    public String toString() {
        return text;
    }
}
