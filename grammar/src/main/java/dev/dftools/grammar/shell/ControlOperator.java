package dev.dftools.grammar.shell;

/** What connects a command to the next one. */
public enum ControlOperator {
    AND("&&"), OR("||"), SEQUENCE(";"), NEWLINE("\n"), BACKGROUND("&"), PIPE("|"), PIPE_STDERR("|&"),
    /** {@code ;;} (or {@code ;&}, {@code ;;&}) ending a case item. */
    CASE_END(";;");

    private final String symbol;

    ControlOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether the next command runs after this one regardless of its status ({@code ; & newline}). */
    public boolean isSequential() {
        return this == SEQUENCE || this == NEWLINE || this == BACKGROUND;
    }
}
