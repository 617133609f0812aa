package dev.dftools.lsp.features.format;

import org.eclipse.lsp4j.FormattingOptions;

/**
 * How dfls formats.
 *
 * @param keywordCase            instruction keywords (and {@code AS}) upper, lower or as written
 * @param continuationIndent     columns of indentation of continuation lines
 * @param trimTrailingWhitespace remove white space at line ends (never inside heredoc bodies)
 * @param finalNewline           end the file with a newline
 * @param tabSize                from the client; used to count columns when indenting with tabs
 * @param insertSpaces           from the client; false indents with tabs
 */
public record FormatterOptions(KeywordCase keywordCase, int continuationIndent, boolean trimTrailingWhitespace,
        boolean finalNewline, int tabSize, boolean insertSpaces) {

    public enum KeywordCase { UPPER, LOWER, PRESERVE }

    public FormatterOptions {
        if (continuationIndent < 0 || tabSize < 1) {
            throw new IllegalArgumentException("continuationIndent >= 0 and tabSize >= 1 required");
        }
    }

    public static FormatterOptions defaults() {
        return new FormatterOptions(KeywordCase.UPPER, 4, true, true, 4, true);
    }

    /** The defaults with the client's tab size and spaces/tabs choice (and its trim/final newline wishes when sent). */
    public static FormatterOptions from(FormattingOptions lsp) {
        FormatterOptions d = defaults();
        return new FormatterOptions(d.keywordCase(), d.continuationIndent(),
                lsp.isTrimTrailingWhitespace() || d.trimTrailingWhitespace(),
                lsp.isInsertFinalNewline() || d.finalNewline(), Math.max(1, lsp.getTabSize()), lsp.isInsertSpaces());
    }

    public FormatterOptions withKeywordCase(KeywordCase value) {
        return new FormatterOptions(value, continuationIndent, trimTrailingWhitespace, finalNewline, tabSize,
                insertSpaces);
    }

    /** The indentation of a continuation line. */
    public String indent() {
        if (insertSpaces) {
            return " ".repeat(continuationIndent);
        }
        return "\t".repeat(continuationIndent == 0 ? 0 : Math.max(1, continuationIndent / tabSize));
    }
}
