package dev.dftools.lint;

import dev.dftools.grammar.ast.SourceRange;

/** Replace the text of {@code range} with {@code newText} (an empty range inserts). */
public record TextEdit(SourceRange range, String newText) {
}
