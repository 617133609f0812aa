/**
 * The typed Dockerfile AST. Every node carries a {@link dev.dftools.grammar.ast.SourceRange}.
 * Values are immutable records; nothing here depends on ANTLR.
 */
@NonNullByDefault
package dev.dftools.grammar.ast;

import org.eclipse.jdt.annotation.NonNullByDefault;
