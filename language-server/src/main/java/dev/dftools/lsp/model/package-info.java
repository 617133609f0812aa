/**
 * The symbol model the language features share: stages, ARG/ENV declarations and every stage and
 * variable reference with BuildKit's scoping ({@link dev.dftools.lsp.model.SymbolModel}, built once
 * per snapshot), plus what the Dockerfile reference says about instructions, flags and directives
 * ({@link dev.dftools.lsp.model.DockerfileCatalog}).
 */
package dev.dftools.lsp.model;
