package dev.dftools.lsp.model;

/**
 * A variable as rename and references see it: a name in one scope. A global ARG, its
 * re-declarations in stages, a stage's ARG/ENV and the ENV a child stage inherits or
 * re-declares are each one symbol. Identity matters: two symbols with the same name and scope
 * are never created for one model.
 *
 * @param stageIndex the stage that owns it, -1 for a global or predefined arg
 */
public record VariableSymbol(String name, VariableKind kind, int stageIndex, int id) {
}
