/**
 * A shell model for Dockerfile RUN bodies (shell form and heredocs): commands, words with
 * quoting, {@code && || ; |}, subshells, groups, compound commands, redirections and
 * assignments. Every node carries the exact {@link dev.dftools.grammar.ast.SourceRange} of its
 * text in the Dockerfile, through the {@link dev.dftools.grammar.ast.SourceText} it was parsed
 * from. Values are immutable records; nothing here depends on ANTLR. Entry point:
 * {@link dev.dftools.grammar.shell.ShellParser#parse(dev.dftools.grammar.ast.SourceText)}.
 */
@NonNullByDefault
package dev.dftools.grammar.shell;

import org.eclipse.jdt.annotation.NonNullByDefault;
