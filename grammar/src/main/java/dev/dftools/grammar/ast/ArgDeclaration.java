package dev.dftools.grammar.ast;

import org.eclipse.jdt.annotation.Nullable;

/** One {@code name} or {@code name=default} of an ARG instruction (the default keeps its quotes). */
public record ArgDeclaration(Word name, @Nullable Word defaultValue) {
}
