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
        int idx = lastStartingAtOrBefore(list, offset);
        if (idx < 0) {
            return Optional.empty();
        }
        Instruction i = list.get(idx);
        return offset <= i.range().end().offset() ? Optional.of(i) : Optional.empty();
    }

    /** Index of the last instruction starting at or before the offset, -1 when none. */
    public static int lastStartingAtOrBefore(List<Instruction> list, int offset) {
        int lo = 0;
        int hi = list.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).range().start().offset() <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
