package dev.dftools.grammar.testing;

import java.util.Random;

/**
 * Random edits of a Dockerfile's text, as typing makes them: a snippet typed at a random place,
 * a few chars deleted, or a line deleted or duplicated. Shared by the tests that compare an
 * incremental computation (parse, lint) with a full one after each edit.
 */
public final class RandomEdits {

    private final String[] typed;

    /** @param typed the snippets a typing edit inserts */
    public RandomEdits(String... typed) {
        this.typed = typed.clone();
    }

    public String edit(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                return text.substring(0, at) + typed[random.nextInt(typed.length)] + text.substring(at);
            }
            case 2 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(3));
                return text.substring(0, at) + text.substring(end);
            }
            default -> {
                int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                int lineEnd = text.indexOf('\n', at);
                lineEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
                if (lineStart > lineEnd) {
                    return text;
                }
                String line = text.substring(lineStart, lineEnd);
                return text.substring(0, lineStart) + (random.nextBoolean() ? line + line : "") + text.substring(lineEnd);
            }
        }
    }
}
