/**
 * dfls, the language server (lsp4j). {@code server} dispatches the protocol; {@code document}
 * holds open documents as immutable snapshots; {@code text} converts positions; each LSP feature
 * is one class under {@code features}.
 */
package dev.dftools.lsp;
