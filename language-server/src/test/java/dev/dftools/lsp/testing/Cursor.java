package dev.dftools.lsp.testing;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.lsp.text.LspRanges;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * A test document written with a {@code |} cursor marker (lemminx style): the text without the
 * marker and the LSP position where it was. Texts without a marker have the cursor at 0:0.
 */
public record Cursor(String text, Position position) {

    public static Cursor of(String marked) {
        int at = marked.indexOf('|');
        String text = at < 0 ? marked : marked.substring(0, at) + marked.substring(at + 1);
        LineIndex lines = LineIndex.of(text);
        Position p = at < 0 ? new Position(0, 0) : LspRanges.position(lines.position(at));
        return new Cursor(text, p);
    }

    /** The empty range at the cursor (what editors send for code actions at the caret). */
    public Range range() {
        return new Range(position, position);
    }
}
