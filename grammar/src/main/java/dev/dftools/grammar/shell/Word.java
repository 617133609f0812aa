package dev.dftools.grammar.shell;

import java.util.List;

import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.SourceText;

/**
 * A shell word.
 *
 * @param raw          the word as written in the shell text
 * @param value        quotes removed and escapes resolved; expansions and substitutions kept as
 *                     written ({@code "$HOME/x"} has the value {@code $HOME/x})
 * @param range        exact source range
 * @param parts        the pieces, in order (line continuations are dropped)
 * @param hasExpansion whether some part expands at run time, so {@code value} is not the
 *                     real value
 * @param quoted       whether some part is quoted or escaped
 * @param valueText    {@code value} with the source offset of each char, so it can be parsed
 *                     again with exact ranges (e.g. the script of {@code sh -c "..."})
 */
public record Word(String raw, String value, SourceRange range, List<WordPart> parts, boolean hasExpansion,
        boolean quoted, SourceText valueText) {

    public Word {
        parts = List.copyOf(parts);
    }

    /** Whether the value is known and equals one of {@code values}. */
    public boolean is(String... values) {
        if (hasExpansion) {
            return false;
        }
        for (String v : values) {
            if (value.equals(v)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the value starts with {@code prefix} (which must be free of expansions). */
    public boolean startsWith(String prefix) {
        return value.startsWith(prefix) && (!hasExpansion || literalPrefixLength() >= prefix.length());
    }

    /** How many leading chars of {@code value} come before the first expansion. */
    private int literalPrefixLength() {
        int length = 0;
        for (WordPart part : parts) {
            if (part.expands()) {
                break;
            }
            length += part.value().length();
        }
        return length;
    }

    @Override
    public String toString() {
        return raw;
    }
}
