package dev.dftools.grammar.shell;

import dev.dftools.grammar.ast.SourceRange;

/**
 * One piece of a word. Substitutions ({@code $(...)}, backticks, {@code $((...))},
 * {@code ${...}}) are single parts kept literally, whatever they contain.
 *
 * @param raw     the part as written
 * @param value   quotes removed and escapes resolved; expansions as written
 * @param expands whether the part's value is only known at run time (an expansion, or a double
 *                quoted string containing one)
 */
public record WordPart(Kind kind, String raw, String value, SourceRange range, boolean expands) {

    public enum Kind {
        LITERAL, ESCAPE, SINGLE_QUOTED, ANSI_C_QUOTED, DOUBLE_QUOTED, PARAMETER, COMMAND_SUBSTITUTION, BACKTICK,
        ARITHMETIC, PROCESS_SUBSTITUTION, ARRAY
    }

    public boolean isQuoted() {
        return switch (kind) {
            case ESCAPE, SINGLE_QUOTED, ANSI_C_QUOTED, DOUBLE_QUOTED -> true;
            default -> false;
        };
    }
}
