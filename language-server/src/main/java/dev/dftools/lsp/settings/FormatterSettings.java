package dev.dftools.lsp.settings;

/**
 * How the formatter lays out a Dockerfile (read by the formatting feature).
 *
 * @param keywordCase         instruction keywords upper case, lower case, or as written
 * @param continuationIndent  spaces before a continuation line's text
 * @param alignContinuations  align continuation lines under the first argument instead of indenting them
 */
public record FormatterSettings(KeywordCase keywordCase, int continuationIndent, boolean alignContinuations) {

    public enum KeywordCase {
        UPPER, LOWER, PRESERVE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FormatterSettings {
        continuationIndent = Math.max(0, Math.min(16, continuationIndent));
    }

    public static FormatterSettings defaults() {
        return new FormatterSettings(KeywordCase.UPPER, 4, false);
    }
}
