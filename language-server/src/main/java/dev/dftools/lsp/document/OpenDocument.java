package dev.dftools.lsp.document;

/**
 * An open document's current text and version; the parse is made on first use, so a burst of
 * keystrokes that nobody asks about costs only the text edits.
 */
public final class OpenDocument {

    private final String uri;
    private final int version;
    private final String text;
    private final Memo<DocumentSnapshot> snapshot;

    public OpenDocument(String uri, int version, String text) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.snapshot = Memo.of(() -> DocumentSnapshot.parse(uri, version, text));
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    /** The parse of this version, made once. */
    public DocumentSnapshot snapshot() {
        return snapshot.get();
    }
}
