package dev.dftools.grammar.ast;

import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A leading {@code --name[=value]} word of an instruction.
 *
 * @param name       without the leading dashes, e.g. {@code mount}
 * @param value      the text after the first {@code =}, quotes removed; null for {@code --link}
 * @param text       the whole flag as BuildKit keeps it, e.g. {@code --mount=type=cache,target=/x}
 * @param range      the whole flag in the source
 * @param nameRange  the name (after the dashes)
 * @param valueRange the value, or null when there is none
 */
public record Flag(String name, @Nullable String value, String text, SourceRange range, SourceRange nameRange,
        @Nullable SourceRange valueRange) {

    public Optional<String> valueOptional() {
        return Optional.ofNullable(value);
    }
}
