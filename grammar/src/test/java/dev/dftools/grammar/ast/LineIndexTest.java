package dev.dftools.grammar.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LineIndex#edited} gives the index {@link LineIndex#of} makes of the edited text. */
class LineIndexTest {

    @Test
    void anEditedIndexIsTheIndexOfTheEditedText() {
        String[] pieces = {"", "x", "\n", "\n\n", "ab\ncd", "\r\n", "FROM a\nRUN b\n"};
        Random random = new Random(11);
        String text = "FROM alpine\nRUN true\n\n# c\n";
        LineIndex index = LineIndex.of(text);
        for (int i = 0; i < 5000; i++) {
            int start = random.nextInt(text.length() + 1);
            int end = start + random.nextInt(Math.min(8, text.length() - start) + 1);
            String next = text.substring(0, start) + pieces[random.nextInt(pieces.length)] + text.substring(end);
            if (next.length() > 400) { // keep the text short: the tail from start on is replaced
                next = next.substring(0, 50);
                start = Math.min(start, 50);
                index = index.edited(start, text.length(), next);
                assertEquals(LineIndex.of(next), index, next);
            } else {
                index = index.edited(start, end, next);
                assertEquals(LineIndex.of(next), index, "after replacing " + start + "-" + end + ": " + next);
            }
            text = next;
        }
    }
}
