package dev.dftools.lint.report;

import dev.dftools.lint.Finding;
import java.util.List;

/**
 * The findings for one file, with the text they refer to (the tty output shows source lines).
 *
 * @param path as the user named it (or {@code -} for standard input)
 */
public record LintedFile(String path, String text, List<Finding> findings) {

    public LintedFile {
        findings = List.copyOf(findings);
    }
}
