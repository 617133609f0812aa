package dev.dftools.lsp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

class LspRangesTest {

    private final String text = "FROM alpine\nRUN echo \"\uD83D\uDC33\" x\n";
    private final LineIndex lines = LineIndex.of(text);

    @Test
    void convertsOneBasedToZeroBasedCountingUtf16Units() {
        int x = text.indexOf(" x") + 1;
        SourceRange r = lines.range(x, x + 1);
        assertEquals(new Range(new Position(1, 14), new Position(1, 15)), LspRanges.range(r));
    }

    @Test
    void roundTripsAndClampsPositionsPastTheEnd() {
        assertEquals(5, LspRanges.offset(lines, new Position(0, 5)));
        assertEquals(text.indexOf('\n'), LspRanges.offset(lines, new Position(0, 99)));
        assertEquals(text.length(), LspRanges.offset(lines, new Position(42, 0)));
        SourceRange back = LspRanges.sourceRange(lines, new Range(new Position(1, 0), new Position(1, 3)));
        assertEquals("RUN", text.substring(back.start().offset(), back.end().offset()));
    }
}
