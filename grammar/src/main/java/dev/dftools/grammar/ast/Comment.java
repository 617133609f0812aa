package dev.dftools.grammar.ast;

/**
 * A whole-line comment.
 *
 * @param text  the text after {@code #}, trimmed
 * @param range the whole line without its line ending
 */
public record Comment(String text, SourceRange range) {
}
