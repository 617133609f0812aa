package dev.dftools.grammar.ast;

/**
 * A {@code key=value} pair of ENV or LABEL (or the legacy {@code ENV key value} form).
 * The value keeps its quotes and escapes, as BuildKit's parser does; variable expansion removes them.
 *
 * @param legacy written as {@code KEY value} without {@code =}
 */
public record KeyValue(Word key, Word value, boolean legacy) {
}
