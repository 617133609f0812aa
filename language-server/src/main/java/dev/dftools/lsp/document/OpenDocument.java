package dev.dftools.lsp.document;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An open document's current text and version; the parse is made on first use, so a burst of
 * keystrokes that nobody asks about costs only the text edits. A new version's parse starts from
 * the newest parse of an earlier version ({@link Dockerfiles#reparse}): only the stages the edits
 * touched are parsed again.
 */
public final class OpenDocument {

    private final String uri;
    private final int version;
    private final String text;
    /** The text's lines (where the next version's changes apply). */
    private final LineIndex lines;
    /** The newest earlier parse to start from, until this version's own parse is made. */
    private volatile @Nullable Dockerfile basis;
    private final Memo<DocumentSnapshot> snapshot;

    public OpenDocument(String uri, int version, String text) {
        this(uri, version, text, LineIndex.of(text), null);
    }

    /** A new version of {@code previous}'s document (null: parsed from scratch); {@code lines} indexes {@code text}. */
    public OpenDocument(String uri, int version, String text, LineIndex lines, @Nullable OpenDocument previous) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.lines = lines;
        this.basis = previous == null ? null : previous.newestParse();
        this.snapshot = Memo.of(() -> {
            Dockerfile from = basis;
            Dockerfile ast = from == null ? Dockerfiles.parse(text) : Dockerfiles.reparse(from, text);
            basis = null; // the older version may go now
            return new DocumentSnapshot(uri, version, ast);
        });
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

    public LineIndex lines() {
        return lines;
    }

    /** The parse of this version, made once. */
    public DocumentSnapshot snapshot() {
        return snapshot.get();
    }

    /** This version's parse when it is made, else the one it would start from. */
    private @Nullable Dockerfile newestParse() {
        return snapshot.isComputed() ? snapshot.get().ast() : basis;
    }
}
