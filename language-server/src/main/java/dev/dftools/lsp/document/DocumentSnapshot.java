package dev.dftools.lsp.document;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.LineIndex;

/**
 * One version of an open document and its parse. Immutable: an edit makes a new snapshot, so
 * providers can run on a snapshot while the next keystroke arrives.
 *
 * @param uri     the document's URI as the client sent it
 * @param version the client's version number (0 for documents read from disk)
 * @param ast     the parse of the text ({@link Dockerfile#text()} is the document's text)
 */
public record DocumentSnapshot(String uri, int version, Dockerfile ast) {

    public static DocumentSnapshot parse(String uri, int version, String text) {
        return new DocumentSnapshot(uri, version, Dockerfiles.parse(text));
    }

    public String text() {
        return ast.text();
    }

    public LineIndex lines() {
        return ast.lines();
    }
}
