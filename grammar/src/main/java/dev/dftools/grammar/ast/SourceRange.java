package dev.dftools.grammar.ast;

/**
 * A half-open span of source text: {@code start} is the first char, {@code end} the char after
 * the last one. An empty range ({@code start == end}) marks a position, e.g. where a missing
 * argument was expected.
 */
public record SourceRange(SourcePosition start, SourcePosition end) {

    public SourceRange {
        if (end.offset() < start.offset()) {
            throw new IllegalArgumentException("range ends before it starts: " + start + "-" + end);
        }
    }

    // written out for the same reason as SourcePosition's
    @Override
    public boolean equals(Object other) {
        return other instanceof SourceRange r && r.start.equals(start) && r.end.equals(end);
    }

    @Override
    public int hashCode() {
        return start.hashCode() * 31 + end.hashCode();
    }

    public int length() {
        return end.offset() - start.offset();
    }

    public boolean isEmpty() {
        return length() == 0;
    }

    public boolean contains(int offset) {
        return offset >= start.offset() && offset < end.offset();
    }

    public boolean containsRange(SourceRange other) {
        return other.start.offset() >= start.offset() && other.end.offset() <= end.offset();
    }

    /** The smallest range covering both. */
    public SourceRange union(SourceRange other) {
        SourcePosition s = start.offset() <= other.start.offset() ? start : other.start;
        SourcePosition e = end.offset() >= other.end.offset() ? end : other.end;
        return new SourceRange(s, e);
    }

    public int startLine() {
        return start.line();
    }

    public int endLine() {
        return end.line();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
