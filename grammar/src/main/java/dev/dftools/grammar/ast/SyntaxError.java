package dev.dftools.grammar.ast;

/** A problem that makes BuildKit reject the file, with the exact range it concerns. */
public record SyntaxError(String message, SourceRange range) {

    @Override
    public String toString() {
        return range.start() + ": " + message;
    }
}
