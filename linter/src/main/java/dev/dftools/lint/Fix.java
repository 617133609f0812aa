package dev.dftools.lint;

import java.util.List;

/**
 * A safe change that resolves a finding; shared by {@code dflint --fix} and the editor's quick fixes.
 * The edits do not overlap.
 */
public record Fix(String description, List<TextEdit> edits) {

    public Fix {
        edits = List.copyOf(edits);
    }

    public static Fix of(String description, TextEdit... edits) {
        return new Fix(description, List.of(edits));
    }
}
