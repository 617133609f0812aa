package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;

class ReusedJsonTest {

    private static DocumentSymbol symbol(String name, int line, List<DocumentSymbol> children) {
        Range range = new Range(new Position(line, 0), new Position(line, 10));
        DocumentSymbol s = new DocumentSymbol(name, SymbolKind.Class, range, range, null);
        if (!children.isEmpty()) {
            s.setChildren(children);
        }
        return s;
    }

    @Test
    void writesWhatGsonWritesAndReusesItForTheSameObject() {
        Gson plain = new GsonBuilder().create();
        Gson reusing = new GsonBuilder().registerTypeAdapterFactory(new ReusedJson()).create();
        DocumentSymbol stage = symbol("FROM a AS b <\"x\">", 1,
                List.of(symbol("RUN echo é & \u2028", 2, List.of()), symbol("COPY . .", 3, List.of())));
        List<Either<Object, DocumentSymbol>> outline = List.of(Either.forRight(stage));
        String expected = plain.toJson(stage);
        assertEquals(expected, reusing.toJson(stage));
        // the same object again: its first JSON (a symbol must not change once sent)
        stage.setName("changed");
        assertEquals(expected, reusing.toJson(stage));
        // an equal but different object is written anew
        DocumentSymbol other = symbol("changed", 1, stage.getChildren());
        assertNotEquals(expected, reusing.toJson(other));
        assertEquals(plain.toJson(other), reusing.toJson(other));
        // null fields as the writer is configured (lsp4j's Gson does not serialize nulls)
        assertEquals(new GsonBuilder().serializeNulls().create().toJson(other),
                new GsonBuilder().serializeNulls().registerTypeAdapterFactory(new ReusedJson()).create().toJson(other));
    }

    @Test
    void equalDiagnosticsShareTheirJsonAndChangedOnesAreWrittenAnew() {
        Gson plain = new GsonBuilder().create();
        Gson reusing = new GsonBuilder().registerTypeAdapterFactory(new ReusedJson()).create();
        Range range = new Range(new Position(3, 1), new Position(3, 9));
        org.eclipse.lsp4j.Diagnostic first = new org.eclipse.lsp4j.Diagnostic(range, "Pin the version", null, "dflint", "DF3008");
        org.eclipse.lsp4j.Diagnostic equal = new org.eclipse.lsp4j.Diagnostic(range, "Pin the version", null, "dflint", "DF3008");
        org.eclipse.lsp4j.Diagnostic moved = new org.eclipse.lsp4j.Diagnostic(new Range(new Position(4, 1),
                new Position(4, 9)), "Pin the version", null, "dflint", "DF3008");
        List<org.eclipse.lsp4j.Diagnostic> published = List.of(first, equal, moved);
        assertEquals(plain.toJson(published), reusing.toJson(published));
        assertEquals(plain.toJson(List.of(moved, first)), reusing.toJson(List.of(moved, first)));
        assertNotEquals(reusing.toJson(first), reusing.toJson(moved));
    }
}
