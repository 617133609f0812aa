package dev.dftools.lint;

import dev.dftools.grammar.ast.SourceRange;
import org.eclipse.jdt.annotation.Nullable;

/** Where a rule reports what it finds; the engine knows which rule is reporting. */
public interface Findings {

    /** A sink that drops everything (for analysing a part of the file without reporting on it). */
    Findings DISCARD = new Findings() {
        @Override
        public void report(SourceRange range, String message, @Nullable Fix fix) {
        }

        @Override
        public void reportAs(RuleMeta external, Severity severity, SourceRange range, String message,
                @Nullable Fix fix) {
        }
    };

    void report(SourceRange range, String message, @Nullable Fix fix);

    default void report(SourceRange range, String message) {
        report(range, message, null);
    }

    /**
     * For rules that bridge another tool (ShellCheck): report under that tool's code, e.g. SC2086,
     * with its own severity. The code is matched by configuration and inline ignores like any other.
     */
    void reportAs(RuleMeta external, Severity severity, SourceRange range, String message, @Nullable Fix fix);
}
