package dev.dftools.lsp.document;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * The open documents. Changes are applied on the protocol thread in the order the client sent
 * them; readers on other threads see whole versions only (each version is an immutable object).
 */
public final class DocumentStore {

    private final Map<String, OpenDocument> documents = new ConcurrentHashMap<>();

    public OpenDocument open(String uri, int version, String text) {
        OpenDocument document = new OpenDocument(uri, version, text);
        documents.put(uri, document);
        return document;
    }

    /** Applies the changes of one {@code didChange}; empty when the document is not open. */
    public Optional<OpenDocument> change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        OpenDocument updated = documents.computeIfPresent(uri, (u, current) -> {
            ContentChanges.Edited edited = ContentChanges.apply(current.text(), current.lines(), changes);
            return new OpenDocument(u, version, edited.text(), edited.lines(), current);
        });
        return Optional.ofNullable(updated);
    }

    public void close(String uri) {
        documents.remove(uri);
    }

    public Optional<OpenDocument> get(String uri) {
        return Optional.ofNullable(documents.get(uri));
    }

    /** The parsed current version, or empty when the document is not open. */
    public Optional<DocumentSnapshot> snapshot(String uri) {
        return get(uri).map(OpenDocument::snapshot);
    }

    public Set<String> uris() {
        return Set.copyOf(documents.keySet());
    }
}
