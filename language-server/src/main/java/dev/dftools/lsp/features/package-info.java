/**
 * The LSP features, one public class each with a plain entry method taking a
 * {@link dev.dftools.lsp.document.DocumentSnapshot} and the request's parameters and returning
 * lsp4j types; the protocol layer only dispatches to them. See docs/dfls-features.md.
 */
package dev.dftools.lsp.features;
