package dev.dftools.grammar.shell;

/** A redirection operator. */
public enum RedirectOperator {
    INPUT("<"), OUTPUT(">"), APPEND(">>"), DUP_INPUT("<&"), DUP_OUTPUT(">&"), READ_WRITE("<>"), CLOBBER(">|"),
    /** bash {@code &>}: stdout and stderr. */
    OUTPUT_ALL("&>"),
    /** bash {@code &>>}. */
    APPEND_ALL("&>>"),
    HEREDOC("<<"), HEREDOC_STRIP_TABS("<<-"),
    /** bash {@code <<<word}. */
    HERE_STRING("<<<");

    private final String symbol;

    RedirectOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isHeredoc() {
        return this == HEREDOC || this == HEREDOC_STRIP_TABS;
    }
}
