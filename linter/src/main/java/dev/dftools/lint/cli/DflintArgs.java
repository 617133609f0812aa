package dev.dftools.lint.cli;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/** dflint's command line, parsed by {@link DflintOptions}. Comma-separated rule lists are already split. */
record DflintArgs(
        List<String> paths,
        String format,
        @Nullable Path configFile,
        @Nullable Path contextDir,
        boolean noContext,
        List<String> ignore,
        List<String> enable,
        List<String> asError,
        List<String> asWarning,
        List<String> asInfo,
        List<String> asStyle,
        List<String> trustedRegistries,
        List<String> requiredLabels,
        boolean strictLabels,
        boolean disableIgnorePragma,
        @Nullable String failureThreshold,
        boolean noFail,
        boolean noColor,
        boolean fix,
        boolean dryRun,
        boolean listRules,
        @Nullable String explain,
        boolean printAst,
        boolean debug,
        boolean help,
        boolean version) {

    DflintArgs {
        paths = List.copyOf(paths);
        ignore = List.copyOf(ignore);
        enable = List.copyOf(enable);
        asError = List.copyOf(asError);
        asWarning = List.copyOf(asWarning);
        asInfo = List.copyOf(asInfo);
        asStyle = List.copyOf(asStyle);
        trustedRegistries = List.copyOf(trustedRegistries);
        requiredLabels = List.copyOf(requiredLabels);
    }
}
