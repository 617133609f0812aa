package dev.dftools.lsp.features.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class FormattingProviderTest {

    private final FormattingProvider formatter = new FormattingProvider();

    private String format(String text, FormatterOptions options) {
        DocumentSnapshot doc = Cursor.doc(text);
        return Cursor.apply(doc, formatter.format(doc, options));
    }

    @Test
    void keywordsIndentationSpacingAndWhitespace() {
        String messy = "# syntax=docker/dockerfile:1  \nfrom   alpine as base\n  run apk add \\\ncurl \\\n"
                + "        git   \n   # a comment\ncopy  a b";
        assertEquals("# syntax=docker/dockerfile:1  \nFROM alpine AS base\nRUN apk add \\\n    curl \\\n"
                + "    git\n# a comment\nCOPY a b\n", format(messy, FormatterOptions.defaults()));
        assertEquals("# syntax=docker/dockerfile:1  \nfrom alpine as base\nrun apk add \\\n\tcurl \\\n"
                + "\tgit\n# a comment\ncopy a b\n", format(messy,
                        new FormatterOptions(FormatterOptions.KeywordCase.LOWER, 4, true, true, 4, false)));
        String preserved = format(messy, FormatterOptions.defaults().withKeywordCase(
                FormatterOptions.KeywordCase.PRESERVE));
        assertTrue(preserved.startsWith("# syntax=docker/dockerfile:1  \nfrom alpine as base\nrun apk"), preserved);
    }

    @Test
    void heredocBodiesAndQuotedContinuationsAreNeverTouched() {
        String text = "FROM alpine\nRUN <<EOF   \n  set -e  \n\techo hi\nEOF\nRUN echo \"a \\\n   b\" && \\\n"
                + "  echo c\n";
        assertEquals("FROM alpine\nRUN <<EOF\n  set -e  \n\techo hi\nEOF\nRUN echo \"a \\\n   b\" && \\\n"
                + "    echo c\n", format(text, FormatterOptions.defaults()));
    }

    @Test
    void idempotentAndMinimalEdits() {
        DocumentSnapshot doc = Cursor.doc("FROM alpine\nrun  echo hi   \nCOPY a b\n");
        List<TextEdit> edits = formatter.format(doc, FormatterOptions.defaults());
        assertEquals(3, edits.size(), edits.toString());
        for (TextEdit e : edits) {
            assertEquals(e.getRange().getStart().getLine(), e.getRange().getEnd().getLine());
            assertTrue(e.getRange().getEnd().getCharacter() - e.getRange().getStart().getCharacter() <= 3,
                    "only the changed span: " + e);
        }
        String once = Cursor.apply(doc, edits);
        assertTrue(formatter.format(Cursor.doc(once), FormatterOptions.defaults()).isEmpty());
    }

    @Test
    void rangeFormattingOnlyTouchesItsLines() {
        DocumentSnapshot doc = Cursor.doc("from alpine\nrun true\nrun false\n");
        List<TextEdit> edits = formatter.formatRange(doc, new Range(new Position(1, 0), new Position(1, 3)),
                FormatterOptions.defaults());
        assertEquals("from alpine\nRUN true\nrun false\n", Cursor.apply(doc, edits));
    }

    @Test
    void onTypeIndentsAContinuationLine() {
        Cursor c = Cursor.of("FROM alpine\nRUN apk add \\\n|\n");
        List<TextEdit> edits = formatter.formatOnType(c.snapshot(), c.position(), "\n", FormatterOptions.defaults());
        assertEquals("FROM alpine\nRUN apk add \\\n    \n", Cursor.apply(c.snapshot(), edits));
        Cursor plain = Cursor.of("FROM alpine\nRUN true\n|\n");
        assertTrue(formatter.formatOnType(plain.snapshot(), plain.position(), "\n", FormatterOptions.defaults())
                .isEmpty());
    }

    @Test
    void crlfFilesKeepTheirLineEndings() {
        assertEquals("FROM alpine\r\nRUN a \\\r\n    b\r\n",
                format("from alpine\r\nrun a \\\r\n b  \r\n", FormatterOptions.defaults()));
    }

    @Test
    void wordsSplitAcrossContinuationsStayGlued() {
        String text = "FROM alpine\nRUN echo light\\\nning && \\\n  true\nENV F hello\\\n  world\n";
        assertEquals("FROM alpine\nRUN echo light\\\nning && \\\n    true\nENV F hello\\\n  world\n",
                format(text, FormatterOptions.defaults()));
    }
}
