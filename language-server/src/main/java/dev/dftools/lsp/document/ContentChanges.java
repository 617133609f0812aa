package dev.dftools.lsp.document;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.lsp.text.LspRanges;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * Applies {@code didChange} content changes to a text, in order: each change's range refers to the
 * text left by the previous one (LSP). A change without a range replaces the whole text. Positions
 * are UTF-16 code units, which is what Java strings index, so no conversion is needed beyond lines;
 * positions past a line's end or the text's end are clamped like LSP asks.
 */
public final class ContentChanges {

    private ContentChanges() {
    }

    /** A text and its line index. */
    public record Edited(String text, LineIndex lines) {
    }

    /** The text after the changes, with its line index (made from {@code lines}, the index of {@code text}). */
    public static Edited apply(String text, LineIndex lines, List<TextDocumentContentChangeEvent> changes) {
        Edited current = new Edited(text, lines);
        for (TextDocumentContentChangeEvent change : changes) {
            current = apply(current, change);
        }
        return current;
    }

    private static Edited apply(Edited current, TextDocumentContentChangeEvent change) {
        String newText = change.getText() == null ? "" : change.getText();
        Range range = change.getRange();
        if (range == null) {
            return new Edited(newText, LineIndex.of(newText));
        }
        String text = current.text();
        int start = LspRanges.offset(current.lines(), range.getStart());
        int end = LspRanges.offset(current.lines(), range.getEnd());
        if (end < start) {
            int swap = start;
            start = end;
            end = swap;
        }
        String edited = new StringBuilder(text.length() - (end - start) + newText.length())
                .append(text, 0, start).append(newText).append(text, end, text.length()).toString();
        return new Edited(edited, current.lines().edited(start, end, edited));
    }
}
