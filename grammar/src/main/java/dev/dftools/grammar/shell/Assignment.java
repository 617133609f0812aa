package dev.dftools.grammar.shell;

import dev.dftools.grammar.ast.SourceRange;

/**
 * {@code NAME=value} (or {@code NAME+=value}), as a command prefix or as an argument of
 * {@code export}, {@code readonly}, {@code local}, {@code declare}, {@code typeset}.
 *
 * @param value  the part after {@code =} (an empty word at the end of {@code NAME=})
 * @param word   the whole word
 * @param append {@code +=}
 */
public record Assignment(String name, Word value, Word word, boolean append) {

    public SourceRange range() {
        return word.range();
    }
}
