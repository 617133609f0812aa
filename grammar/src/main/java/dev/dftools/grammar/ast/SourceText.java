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

    private static final int[] NO_BREAKS = new int[0];

    private final String text;
    /*
     * The source offset of each char, kept as runs: a run is chars whose offsets follow one
     * another (most logical text is a few source slices joined at continuations), so an
     * instruction costs a few ints instead of one per char.
     */
    /** Source offset of char 0 (of the end, for empty text). */
    private final int firstOffset;
    /** Each later run as a pair: the index in text where it starts, then its source offset. */
    private final int[] breaks;
    /** The offset just after the last char (the entry after the last one). */
    private final int endOffset;
    private final LineIndex lines;

    private SourceText(String text, int firstOffset, int[] breaks, int endOffset, LineIndex lines) {
        this.text = text;
        this.firstOffset = firstOffset;
        this.breaks = breaks;
        this.endOffset = endOffset;
        this.lines = lines;
    }

    /**
     * @param sourceOffsets source offset per char of {@code text} plus one trailing entry (the
     *                      offset just after the last char); not kept
     */
    public static SourceText of(String text, int[] sourceOffsets, LineIndex lines) {
        if (sourceOffsets.length != text.length() + 1) {
            throw new IllegalArgumentException("need one offset per char plus the end");
        }
        int n = text.length();
        int count = 0;
        for (int i = 1; i < n; i++) {
            if (sourceOffsets[i] != sourceOffsets[i - 1] + 1) {
                count++;
            }
        }
        int[] breaks = count == 0 ? NO_BREAKS : new int[2 * count];
        for (int i = 1, b = 0; i < n && b < breaks.length; i++) {
            if (sourceOffsets[i] != sourceOffsets[i - 1] + 1) {
                breaks[b++] = i;
                breaks[b++] = sourceOffsets[i];
            }
        }
        return new SourceText(text, sourceOffsets[0], breaks, sourceOffsets[n], lines);
    }

    /** A contiguous slice of the source itself: offsets map one to one. */
    public static SourceText contiguous(String source, int from, int to, LineIndex lines) {
        return new SourceText(source.substring(from, to), from, NO_BREAKS, to, lines);
    }

    /**
     * The same text moved by {@code delta} chars in a new version of the source whose line index is
     * {@code lines} (for a parse that reuses an unchanged part of the previous version).
     */
    public SourceText shifted(int delta, LineIndex lines) {
        int[] moved = breaks.length == 0 ? NO_BREAKS : breaks.clone();
        for (int b = 1; b < moved.length; b += 2) {
            moved[b] += delta;
        }
        return new SourceText(text, firstOffset + delta, moved, endOffset + delta, lines);
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
        if (index < 0 || index > text.length()) {
            throw new IndexOutOfBoundsException(index + " of " + text.length());
        }
        if (index == text.length()) {
            return endOffset;
        }
        // the last run starting at or before index (binary search over the pairs)
        int lo = 0;
        int hi = breaks.length / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (breaks[2 * mid] <= index) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? firstOffset + index : breaks[2 * found + 1] + index - breaks[2 * found];
    }

    /**
     * The source range of the chars [from, to) of this text. It ends right after the last char
     * (not at the next char's offset, which may lie after a continuation).
     */
    public SourceRange range(int from, int to) {
        if (from < 0 || to > text.length() || to < from) {
            throw new IndexOutOfBoundsException(from + ".." + to + " of " + text.length());
        }
        int start = sourceOffset(from);
        int end = to == from ? start : sourceOffset(to - 1) + 1;
        return lines.range(start, end);
    }

    /** The whole text's source range. */
    public SourceRange range() {
        return range(0, text.length());
    }

    public SourceText slice(int from, int to) {
        if (from < 0 || to > text.length() || to < from) {
            throw new IndexOutOfBoundsException(from + ".." + to + " of " + text.length());
        }
        int first = sourceOffset(from);
        // the end entry of a slice is just after its last char, not the next char
        int end = to == from ? first : to == text.length() ? endOffset : sourceOffset(to - 1) + 1;
        int count = 0;
        for (int b = 0; b < breaks.length; b += 2) {
            if (breaks[b] > from && breaks[b] < to) {
                count++;
            }
        }
        int[] kept = count == 0 ? NO_BREAKS : new int[2 * count];
        for (int b = 0, k = 0; b < breaks.length; b += 2) {
            if (breaks[b] > from && breaks[b] < to) {
                kept[k++] = breaks[b] - from;
                kept[k++] = breaks[b + 1];
            }
        }
        return new SourceText(text.substring(from, to), first, kept, end, lines);
    }

    @Override
    public boolean equals(Object o) {
        // runs are maximal, so equal offsets per char means equal fields
        return o instanceof SourceText other && text.equals(other.text) && firstOffset == other.firstOffset
                && endOffset == other.endOffset && Arrays.equals(breaks, other.breaks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, firstOffset, endOffset, Arrays.hashCode(breaks));
    }

    @Override
    public String toString() {
        return text;
    }
}
