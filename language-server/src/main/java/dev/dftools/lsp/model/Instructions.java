package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import java.util.List;
import java.util.Optional;

/** Finds instructions by offset with a binary search (instructions are in source order). */
public final class Instructions {

    private Instructions() {
    }

    /** The instruction whose range contains the offset or ends right at it (a cursor at its end). */
    public static Optional<Instruction> at(Dockerfile ast, int offset) {
        List<Instruction> list = ast.instructions();
        int idx = Instruction.lastStartingAtOrBefore(list, offset);
        if (idx < 0) {
            return Optional.empty();
        }
        Instruction i = list.get(idx);
        return offset <= i.range().end().offset() ? Optional.of(i) : Optional.empty();
    }
}
