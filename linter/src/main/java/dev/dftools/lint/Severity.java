package dev.dftools.lint;

import java.util.Locale;
import java.util.Optional;

/** How serious a finding is; ordered from most to least severe (hadolint's levels). */
public enum Severity {
    ERROR, WARNING, INFO, STYLE;

    /** At least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
