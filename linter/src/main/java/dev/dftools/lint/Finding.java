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

    /**
     * Findings in file order, then by code, so output is deterministic. One plain comparator: the
     * JDK's Comparator.comparing/thenComparing chain spins lambda classes that the CDS archive does
     * not hold, a few milliseconds of every cold run.
     */
    public static final Comparator<Finding> ORDER = (a, b) -> {
        int order = Integer.compare(a.range.start().offset(), b.range.start().offset());
        if (order == 0) {
            order = a.rule.code().compareTo(b.rule.code());
        }
        if (order == 0) {
            order = Integer.compare(a.range.end().offset(), b.range.end().offset());
        }
        return order != 0 ? order : a.message.compareTo(b.message);
    };

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
