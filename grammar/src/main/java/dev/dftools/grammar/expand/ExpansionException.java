package dev.dftools.grammar.expand;

/**
 * Expansion failed. {@link #getMessage()} reads like BuildKit's ({@code failed to process "…":
 * syntax error: missing '}'}); {@link #reason()} is the part after the colon and
 * {@link #index()} the char index in the word where the problem is: the offending character,
 * or for an unterminated construct the {@code $} or quote that opened it.
 */
public final class ExpansionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String word;
    private final String reason;
    private final int index;

    public ExpansionException(String word, String reason, int index) {
        super("failed to process " + quote(word) + ": " + reason);
        this.word = word;
        this.reason = reason;
        this.index = index;
    }

    /** The word (or text) that was being expanded. */
    public String word() {
        return word;
    }

    /** BuildKit's message without the {@code failed to process} prefix. */
    public String reason() {
        return reason;
    }

    /** Char (UTF-16) index in {@link #word()}; may equal its length for "ran out of input". */
    public int index() {
        return index;
    }

    /** Roughly Go's %q, so messages look like BuildKit's. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
