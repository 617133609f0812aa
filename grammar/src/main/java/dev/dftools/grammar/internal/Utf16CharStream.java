package dev.dftools.grammar.internal;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A char stream indexed in UTF-16 units, like {@code SourceText}. ANTLR's own streams index
 * code points, which would shift every offset after a character outside the BMP.
 */
public final class Utf16CharStream implements CharStream {

    private final String text;
    private int index;

    public Utf16CharStream(String text) {
        this.text = text;
    }

    @Override
    public String getText(Interval interval) {
        int from = Math.max(0, interval.a);
        int to = Math.min(text.length() - 1, interval.b);
        return from > to ? "" : text.substring(from, to + 1);
    }

    @Override
    public void consume() {
        if (index >= text.length()) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        int at = i > 0 ? index + i - 1 : index + i;
        if (i == 0 || at < 0 || at >= text.length()) {
            return i == 0 ? 0 : IntStream.EOF;
        }
        return text.charAt(at);
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // whole text in memory: nothing to release
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int target) {
        index = Math.max(0, Math.min(target, text.length()));
    }

    @Override
    public int size() {
        return text.length();
    }

    @Override
    public String getSourceName() {
        return IntStream.UNKNOWN_SOURCE_NAME;
    }
}
