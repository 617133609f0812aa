package dev.dftools.grammar.ast;

/**
 * A parser directive at the top of the file: {@code # syntax=}, {@code # escape=} or {@code # check=}.
 *
 * @param name  lower-cased key
 * @param value as written, trailing white space removed
 */
public record Directive(String name, String value, SourceRange range, SourceRange nameRange,
        SourceRange valueRange) {
}
