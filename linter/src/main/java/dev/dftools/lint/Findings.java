package dev.dftools.lint;

import dev.dftools.grammar.ast.SourceRange;
import org.eclipse.jdt.annotation.Nullable;

/** Where a rule reports what it finds; the engine knows which rule is reporting. */
public interface Findings {

    void report(SourceRange range, String message, @Nullable Fix fix);

    default void report(SourceRange range, String message) {
        report(range, message, null);
    }
}
