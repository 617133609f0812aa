package dev.dftools.lint;

import dev.dftools.grammar.ast.SourceRange;
import java.util.Comparator;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One problem found in a Dockerfile.
 *
 * @param rule     the rule that found it
 * @param severity after configuration overrides
 * @param range    the exact source range it concerns
 * @param fix      a safe fix, or null
 */
public record Finding(RuleMeta rule, Severity severity, String message, SourceRange range, @Nullable Fix fix) {

    /** Findings in file order, then by code, so output is deterministic. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparingInt((Finding f) -> f.range().start().offset())
            .thenComparing(f -> f.rule().code())
            .thenComparingInt(f -> f.range().end().offset())
            .thenComparing(Finding::message);

    public String code() {
        return rule.code();
    }

    public Optional<Fix> fixOptional() {
        return Optional.ofNullable(fix);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, newSeverity, message, range, fix);
    }
}
