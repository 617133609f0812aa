package dev.dftools.lint.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code dflint --format}. */
public enum Format {
    TTY, JSON, SARIF, CHECKSTYLE, GNU, GITLAB;

    public static Optional<Format> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        // hadolint's names for the same formats
        if (n.equals("gitlab_codeclimate") || n.equals("codeclimate")) {
            return Optional.of(GITLAB);
        }
        return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Reporter reporter(boolean color) {
        return switch (this) {
            case TTY -> new TtyReporter(color);
            case JSON -> new JsonReporter();
            case SARIF -> new SarifReporter();
            case CHECKSTYLE -> new CheckstyleReporter();
            case GNU -> new GnuReporter();
            case GITLAB -> new GitlabReporter();
        };
    }
}
