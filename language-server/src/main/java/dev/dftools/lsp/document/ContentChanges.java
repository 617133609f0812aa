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

    public static String apply(String text, List<TextDocumentContentChangeEvent> changes) {
        String current = text;
        for (TextDocumentContentChangeEvent change : changes) {
            current = apply(current, change);
        }
        return current;
    }

    public static String apply(String text, TextDocumentContentChangeEvent change) {
        String newText = change.getText() == null ? "" : change.getText();
        Range range = change.getRange();
        if (range == null) {
            return newText;
        }
        LineIndex lines = LineIndex.of(text);
        int start = LspRanges.offset(lines, range.getStart());
        int end = LspRanges.offset(lines, range.getEnd());
        if (end < start) {
            int swap = start;
            start = end;
            end = swap;
        }
        return new StringBuilder(text.length() - (end - start) + newText.length())
                .append(text, 0, start).append(newText).append(text, end, text.length()).toString();
    }
}
