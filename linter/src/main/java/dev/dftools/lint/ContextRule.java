package dev.dftools.lint;

import dev.dftools.grammar.ast.Instruction;

/**
 * Needs the build context (files, .dockerignore) to judge one instruction at a time (the sources
 * of a COPY or ADD); skipped when no context is known. Its findings about an instruction lie in
 * it and depend on nothing else of the file than the instruction itself (with the escape
 * character) plus what the context holds: an editor runs it per part like a {@link StageLocal}
 * rule, again where the context was read afresh. What it derives from the context alone (the
 * ignore file, a listing) belongs in {@link BuildContext#memo}, shared by every instruction.
 * Top-level instructions only: an ONBUILD trigger copies from another build's context.
 */
public non-sealed interface ContextRule extends Rule {

    void check(Instruction instruction, Analysis analysis, BuildContext context, Findings out);
}
