package dev.dftools.grammar.internal;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * BuildKit's generic parse of one logical line: keyword, raw flags and the argument list, each
 * with its char span in the logical text. This is layer 1 of BuildKit (the {@code parser}
 * package); nothing is validated or expanded yet.
 *
 * @param error   the parse error BuildKit raises for this line, or null
 * @param trigger the nested instruction of an ONBUILD, or null
 */
record SplitInstruction(Part keyword, List<Part> flags, int restStart, int restEnd, List<Part> args,
        boolean json, @Nullable String error, @Nullable SplitInstruction trigger) {

    /** A string BuildKit produced and the span [start, end) of the text it came from. */
    record Part(String value, int start, int end) {
    }

    String name() {
        return keyword.value().toLowerCase(java.util.Locale.ROOT);
    }

    /** RUN, COPY and ADD (also as an ONBUILD trigger) in shell form can carry heredocs. */
    boolean canContainHeredoc() {
        SplitInstruction target = "onbuild".equals(name()) && trigger != null ? trigger : this;
        String n = target.name();
        return !target.json && (n.equals("run") || n.equals("copy") || n.equals("add"));
    }
}
