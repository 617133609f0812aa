package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One ARG or ENV declaration of a name (or a predefined build arg, which has no source).
 *
 * @param nameWord    the declared name in the source; null for predefined args
 * @param value       the default (ARG) or value (ENV) as written, or null
 * @param stageIndex  the stage it is declared in, -1 for global ARGs and predefined args
 * @param instruction the ARG/ENV instruction, null for predefined args
 * @param symbol      the symbol it belongs to (a global ARG and its re-declarations share one)
 */
public record VariableDeclaration(String name, VariableKind kind, @Nullable Word nameWord, @Nullable Word value,
        int stageIndex, @Nullable Instruction instruction, VariableSymbol symbol) {

    public @Nullable SourceRange nameRange() {
        return nameWord == null ? null : nameWord.range();
    }
}
