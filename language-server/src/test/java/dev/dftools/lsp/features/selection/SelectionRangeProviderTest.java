package dev.dftools.lsp.features.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.lsp.Cursor;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.SelectionRange;
import org.junit.jupiter.api.Test;

class SelectionRangeProviderTest {

    private static List<String> chain(String text) {
        Cursor c = Cursor.of(text);
        SelectionRange r = new SelectionRangeProvider().selectionRanges(c.snapshot(), List.of(c.position())).get(0);
        List<String> texts = new ArrayList<>();
        for (; r != null; r = r.getParent()) {
            texts.add(Cursor.textOf(c.snapshot(), r.getRange()));
        }
        return texts;
    }

    @Test
    void growsFromMountOptionToDocument() {
        String doc = "FROM alpine AS a\nRUN --mount=type=cache,tar|get=/c make\n";
        assertEquals(List.of("target=/c", "type=cache,target=/c", "--mount=type=cache,target=/c",
                "RUN --mount=type=cache,target=/c make", "FROM alpine AS a\nRUN --mount=type=cache,target=/c make",
                "FROM alpine AS a\nRUN --mount=type=cache,target=/c make\n"), chain(doc));
    }

    @Test
    void growsFromVariableNameThroughArgument() {
        List<String> c = chain("FROM alpine\nENV A=1 B=${A|}\n");
        assertEquals(List.of("A", "${A}", "B=${A}", "ENV A=1 B=${A}"), c.subList(0, 4));
    }
}
