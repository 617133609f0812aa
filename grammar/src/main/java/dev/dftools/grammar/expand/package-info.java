/**
 * Variable expansion as BuildKit's {@code frontend/dockerfile/shell/lex.go} does it: quote
 * removal, {@code $name}/{@code ${name…}} substitution with every operator BuildKit knows, glob
 * patterns, and word splitting for instructions that re-split their arguments (EXPOSE).
 * The entry point is {@link dev.dftools.grammar.expand.ShellLex}.
 */
@NonNullByDefault
package dev.dftools.grammar.expand;

import org.eclipse.jdt.annotation.NonNullByDefault;
