package dev.dftools.grammar.shell;

import dev.dftools.grammar.ast.SourceRange;

/** A problem in the shell text; parsing went on past it. */
public record ShellSyntaxError(String message, SourceRange range) {
}
