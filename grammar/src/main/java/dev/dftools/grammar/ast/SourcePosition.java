package dev.dftools.grammar.ast;

/**
 * A point in the source text.
 *
 * @param line   1-based line number (lines end at {@code \n}, as in BuildKit)
 * @param column 1-based column, counted in UTF-16 code units (Java chars), so the LSP layer can
 *               convert by subtracting one
 * @param offset 0-based char offset into the text given to the parser
 */
public record SourcePosition(int line, int column, int offset) implements Comparable<SourcePosition> {

    public SourcePosition {
        if (line < 1 || column < 1 || offset < 0) {
            throw new IllegalArgumentException("bad position " + line + ":" + column + "@" + offset);
        }
    }

    @Override
    public int compareTo(SourcePosition other) {
        return Integer.compare(offset, other.offset);
    }

    // equals and hashCode are written out: a record's generated ones link through
    // ObjectMethods.bootstrap on first use, which spins method-handle classes (~10 ms of a cold CLI run)
    @Override
    public boolean equals(Object other) {
        return other instanceof SourcePosition p && p.line == line && p.column == column && p.offset == offset;
    }

    @Override
    public int hashCode() {
        return (line * 31 + column) * 31 + offset;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
