package dev.dftools.grammar.ast;

/**
 * A word of an instruction: its value as BuildKit's parser produces it (flags without their
 * quotes, JSON elements decoded, ENV/LABEL/ARG words with quotes still in) and the exact
 * source range it came from.
 */
public record Word(String value, SourceRange range) {

    @Override
    public String toString() {
        return value + "@" + range;
    }
}
