package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.SourceRange;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A {@code $NAME} or {@code ${NAME…}} in the source.
 *
 * @param nameRange  the name only (what rename replaces)
 * @param range      the whole reference, {@code $} and braces included
 * @param stageIndex the stage it is in, -1 for the preamble and for FROM lines
 * @param target     the declaration in scope, or null when none is (an undefined variable)
 */
public record VariableReference(String name, SourceRange nameRange, SourceRange range, int stageIndex,
        @Nullable VariableDeclaration target) {
}
