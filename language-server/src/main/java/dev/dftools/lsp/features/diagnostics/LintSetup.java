package dev.dftools.lsp.features.diagnostics;

import dev.dftools.lint.BuildContext;
import dev.dftools.lint.LintConfig;
import dev.dftools.lsp.settings.DflsSettings;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What a document is linted with: the configuration (config file + settings), the build context
 * (null for documents that are not files) and the settings they came from.
 *
 * @param configProblem a configuration file that could not be read (one line), or null
 */
public record LintSetup(LintConfig config, @Nullable BuildContext context, DflsSettings settings,
        @Nullable String configProblem) {
}
