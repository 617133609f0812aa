/**
 * dfls, the language server (lsp4j), one class per LSP feature.
 * Not built yet; see the "dfls" issue. The module exists so the reactor has its final shape.
 */
package dev.dftools.lsp;
