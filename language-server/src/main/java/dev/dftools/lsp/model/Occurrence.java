package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.SourceRange;

/**
 * A name in the source that belongs to a symbol: a declaration (stage {@code AS name}, ARG/ENV
 * name) or a use. {@code symbol} is a {@link StageSymbol} or a {@link VariableSymbol}.
 */
public record Occurrence(SourceRange range, Object symbol, boolean declaration) {
}
