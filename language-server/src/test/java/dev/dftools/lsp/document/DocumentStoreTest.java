package dev.dftools.lsp.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

class DocumentStoreTest {

    private static final String URI = "file:///w/Dockerfile";

    private static TextDocumentContentChangeEvent edit(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    @Test
    void appliesAnIncrementalEditAndKeepsTheVersion() {
        DocumentStore store = new DocumentStore();
        store.open(URI, 1, "FROM alpine\nRUN echo hi\n");
        store.change(URI, 2, List.of(edit(1, 9, 1, 11, "bye")));
        OpenDocument doc = store.get(URI).orElseThrow();
        assertEquals("FROM alpine\nRUN echo bye\n", doc.text());
        assertEquals(2, doc.version());
        assertEquals(2, doc.snapshot().ast().instructions().size());
    }

    @Test
    void appliesSeveralChangesInOrderEachOnTheResultOfTheLast() {
        DocumentStore store = new DocumentStore();
        store.open(URI, 1, "FROM a\n");
        // insert a line, then edit the line that the first change created
        store.change(URI, 2, List.of(edit(1, 0, 1, 0, "RUN x\n"), edit(1, 4, 1, 5, "make"), edit(0, 5, 0, 6, "debian")));
        assertEquals("FROM debian\nRUN make\n", store.get(URI).orElseThrow().text());
    }

    @Test
    void countsColumnsInUtf16UnitsAcrossSurrogatePairs() {
        DocumentStore store = new DocumentStore();
        // the whale is one code point, two UTF-16 units: "x" is at character 12 of line 1
        store.open(URI, 1, "FROM a\nLABEL w=\"\uD83D\uDC33\"x\n");
        store.change(URI, 2, List.of(edit(1, 12, 1, 13, "y")));
        assertEquals("FROM a\nLABEL w=\"\uD83D\uDC33\"y\n", store.get(URI).orElseThrow().text());
        store.change(URI, 3, List.of(edit(1, 9, 1, 11, "")));
        assertEquals("FROM a\nLABEL w=\"\"y\n", store.get(URI).orElseThrow().text());
    }

    @Test
    void keepsCrlfLineEndingsAndEditsWithinCrlfLines() {
        DocumentStore store = new DocumentStore();
        store.open(URI, 1, "FROM a\r\nRUN b\r\n");
        store.change(URI, 2, List.of(edit(1, 4, 1, 5, "make")));
        assertEquals("FROM a\r\nRUN make\r\n", store.get(URI).orElseThrow().text());
        store.change(URI, 3, List.of(edit(0, 6, 1, 0, "\r\nUSER x\r\n")));
        assertEquals("FROM a\r\nUSER x\r\nRUN make\r\n", store.get(URI).orElseThrow().text());
    }

    @Test
    void aChangeWithoutRangeReplacesTheTextAndPositionsPastTheEndAreClamped() {
        DocumentStore store = new DocumentStore();
        store.open(URI, 1, "FROM a\n");
        store.change(URI, 2, List.of(new TextDocumentContentChangeEvent("FROM b")));
        assertEquals("FROM b", store.get(URI).orElseThrow().text());
        store.change(URI, 3, List.of(edit(0, 99, 42, 7, "\nUSER u")));
        assertEquals("FROM b\nUSER u", store.get(URI).orElseThrow().text());
        store.change(URI, 4, List.of(edit(1, 3, 0, 2, "")));  // reversed range: still the span between
        assertEquals("FRR u", store.get(URI).orElseThrow().text());
    }

    @Test
    void parsesEachVersionOnceAndOnlyWhenAsked() {
        DocumentStore store = new DocumentStore();
        store.open(URI, 1, "FROM a\n");
        for (int v = 2; v < 50; v++) {
            store.change(URI, v, List.of(edit(0, 6, 0, 6, "b")));
        }
        OpenDocument doc = store.get(URI).orElseThrow();
        DocumentSnapshot first = doc.snapshot();
        assertSame(first, doc.snapshot());
        assertEquals(49, first.version());
        assertTrue(store.change("file:///not-open", 1, List.of()).isEmpty());
        store.close(URI);
        assertFalse(store.get(URI).isPresent());
    }

    @Test
    void aKeystrokeInOneStageReusesTheParseOfTheOthers() {
        String stage = "FROM alpine AS s%d\nRUN echo %d\n\n";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            text.append(stage.formatted(i, i));
        }
        DocumentStore store = new DocumentStore();
        store.open(URI, 1, text.toString());
        DocumentSnapshot before = store.snapshot(URI).orElseThrow();
        // two keystrokes nobody asked about, then one that is parsed: from version 1's parse
        store.change(URI, 2, List.of(edit(4, 10, 4, 10, "x")));
        store.change(URI, 3, List.of(edit(4, 11, 4, 11, "y")));
        store.change(URI, 4, List.of(edit(4, 12, 4, 12, "\n")));
        DocumentSnapshot after = store.snapshot(URI).orElseThrow();
        assertTrue(after.text().contains("RUN echo 1xy\n\n"), after.text());
        assertEquals(Dockerfiles.parse(after.text()).instructions(), after.ast().instructions());
        assertSame(before.ast().instructions().get(0), after.ast().instructions().get(0), "stage s0 is reused");
        assertEquals(before.ast().instructions().get(6).range().start().line() + 1,
                after.ast().instructions().get(6).range().start().line(), "stage s3 moved down a line");
    }
}
