package dev.dftools.lsp.testing;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.lsp.text.LspRanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Applies LSP text edits to a text, as a client does (all ranges refer to the original text). */
public final class Edits {

    private Edits() {
    }

    public static String apply(String text, List<TextEdit> edits) {
        LineIndex lines = LineIndex.of(text);
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            TextEdit e = edits.get(i);
            spans.add(new int[] {LspRanges.offset(lines, e.getRange().getStart()),
                LspRanges.offset(lines, e.getRange().getEnd()), i});
        }
        spans.sort(Comparator.<int[]>comparingInt(s -> s[0]).reversed());
        StringBuilder out = new StringBuilder(text);
        int lastStart = Integer.MAX_VALUE;
        for (int[] s : spans) {
            if (s[1] > lastStart) {
                throw new AssertionError("overlapping edits: " + edits);
            }
            out.replace(s[0], s[1], edits.get(s[2]).getNewText());
            lastStart = s[0];
        }
        return out.toString();
    }

    /** The text after applying a code action's edit for {@code uri}. */
    public static String apply(String text, String uri, CodeAction action) {
        WorkspaceEdit edit = action.getEdit();
        if (edit == null || edit.getChanges() == null || !edit.getChanges().containsKey(uri)) {
            throw new AssertionError("code action '" + action.getTitle() + "' has no edit for " + uri);
        }
        return apply(text, edit.getChanges().get(uri));
    }
}
