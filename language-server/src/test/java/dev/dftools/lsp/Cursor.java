package dev.dftools.lsp;

import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.text.LspRanges;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Test helper in the style of lemminx: a document text with one {@code |} marking the cursor.
 * The marker is removed; {@link #position()} is where it was.
 */
public record Cursor(DocumentSnapshot snapshot, int offset, Position position) {

    public static final String URI = "file:///work/Dockerfile";

    public static Cursor of(String textWithMarker) {
        int at = textWithMarker.indexOf('|');
        if (at < 0 || textWithMarker.indexOf('|', at + 1) >= 0) {
            throw new IllegalArgumentException("need exactly one | cursor marker: " + textWithMarker);
        }
        String text = textWithMarker.substring(0, at) + textWithMarker.substring(at + 1);
        DocumentSnapshot snapshot = DocumentSnapshot.parse(URI, 1, text);
        return new Cursor(snapshot, at, LspRanges.position(snapshot.lines().position(at)));
    }

    public static DocumentSnapshot doc(String text) {
        return DocumentSnapshot.parse(URI, 1, text);
    }

    public String text() {
        return snapshot.text();
    }

    /** The document text a range covers. */
    public static String textOf(DocumentSnapshot snapshot, Range range) {
        int start = LspRanges.offset(snapshot.lines(), range.getStart());
        int end = LspRanges.offset(snapshot.lines(), range.getEnd());
        return snapshot.text().substring(start, end);
    }

    /** Applies non-overlapping edits to the snapshot's text. */
    public static String apply(DocumentSnapshot snapshot, java.util.List<org.eclipse.lsp4j.TextEdit> edits) {
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        for (int k = 0; k < edits.size(); k++) {
            Range r = edits.get(k).getRange();
            spans.add(new int[] {LspRanges.offset(snapshot.lines(), r.getStart()),
                    LspRanges.offset(snapshot.lines(), r.getEnd()), k});
        }
        spans.sort((a, b) -> Integer.compare(b[0], a[0]));
        StringBuilder sb = new StringBuilder(snapshot.text());
        int previousStart = Integer.MAX_VALUE;
        for (int[] span : spans) {
            if (span[1] > previousStart) {
                throw new IllegalStateException("overlapping edits");
            }
            sb.replace(span[0], span[1], edits.get(span[2]).getNewText());
            previousStart = span[0];
        }
        return sb.toString();
    }
}
