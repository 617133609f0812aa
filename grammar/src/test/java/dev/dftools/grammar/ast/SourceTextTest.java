package dev.dftools.grammar.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SourceText keeps its offsets as runs; every answer must be the one the per-char offsets it was
 * made from give.
 */
class SourceTextTest {

    private static final String SOURCE = "RUN apt-get update \\\n    && apt-get install -y \\\n  # note\n    curl\n";
    private static final LineIndex LINES = LineIndex.of(SOURCE);

    @Test
    void aLogicalLineJoinedAtContinuationsMapsEachCharBackToTheSource() {
        // "apt-get update && apt-get install -y curl", as the builder joins it
        int[] pieces = {4, 19, 25, 47, 62, 66};
        StringBuilder text = new StringBuilder();
        int[] offsets = new int[64];
        for (int p = 0; p < pieces.length; p += 2) {
            for (int i = pieces[p]; i < pieces[p + 1]; i++) {
                offsets[text.length()] = i;
                text.append(SOURCE.charAt(i));
            }
        }
        offsets[text.length()] = offsets[text.length() - 1] + 1;
        int[] exact = java.util.Arrays.copyOf(offsets, text.length() + 1);
        SourceText t = SourceText.of(text.toString(), exact, LINES);

        assertEquals("apt-get update && apt-get install -y curl", t.text());
        for (int i = 0; i <= t.length(); i++) {
            assertEquals(exact[i], t.sourceOffset(i), "char " + i);
        }
        SourceRange curl = t.range(t.text().indexOf("curl"), t.length());
        assertEquals(4, curl.start().line()); // 1-based, after the comment line inside the continuation
        assertEquals(5, curl.start().column());
        assertEquals(4, curl.end().line());
        assertEquals(9, curl.end().column());
    }

    @Test
    void randomOffsetsSlicesAndShiftsAnswerAsThePerCharTableDoes() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = random.nextInt(40);
            int[] offsets = new int[n + 1];
            int at = random.nextInt(10);
            for (int i = 0; i <= n; i++) {
                offsets[i] = at;
                at += random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1; // now and then a jump
            }
            String text = "x".repeat(n);
            String source = "y".repeat(at + 10);
            LineIndex lines = LineIndex.of(source);
            SourceText t = SourceText.of(text, offsets, lines);
            for (int i = 0; i <= n; i++) {
                assertEquals(offsets[i], t.sourceOffset(i));
            }
            int from = random.nextInt(n + 1);
            int to = from + random.nextInt(n - from + 1);
            SourceText slice = t.slice(from, to);
            int[] expected = java.util.Arrays.copyOfRange(offsets, from, to + 1);
            if (to < n && to > from) {
                expected[to - from] = offsets[to - 1] + 1;
            }
            for (int i = 0; i <= to - from; i++) {
                assertEquals(expected[i], slice.sourceOffset(i), "slice " + from + ".." + to + " char " + i);
            }
            assertEquals(SourceText.of(text.substring(from, to), expected, lines), slice);
            SourceText moved = t.shifted(3, lines);
            for (int i = 0; i <= n; i++) {
                assertEquals(offsets[i] + 3, moved.sourceOffset(i));
            }
            assertEquals(t, moved.shifted(-3, lines));
        }
    }

    @Test
    void equalOnlyWithTheSameTextAtTheSameOffsets() {
        SourceText a = SourceText.of("ab", new int[] {0, 1, 2}, LINES);
        assertEquals(a, SourceText.contiguous("abc", 0, 2, LINES));
        assertEquals(a.hashCode(), SourceText.contiguous("abc", 0, 2, LINES).hashCode());
        assertNotEquals(a, SourceText.of("ab", new int[] {0, 2, 3}, LINES));
        assertNotEquals(a, SourceText.of("ab", new int[] {1, 2, 3}, LINES));
        assertNotEquals(a, SourceText.of("ab", new int[] {0, 1, 5}, LINES));
    }

    @Test
    void anIndexOutsideTheTextIsRefused() {
        SourceText t = SourceText.contiguous(SOURCE, 4, 11, LINES);
        assertEquals(11, t.sourceOffset(7));
        assertThrows(IndexOutOfBoundsException.class, () -> t.sourceOffset(8));
        assertThrows(IndexOutOfBoundsException.class, () -> t.sourceOffset(-1));
        assertThrows(IllegalArgumentException.class, () -> SourceText.of("ab", new int[] {0, 1}, LINES));
    }
}
