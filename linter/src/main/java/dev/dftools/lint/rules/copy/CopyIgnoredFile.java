package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.grammar.context.GoGlob;
import dev.dftools.grammar.context.GoPaths;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.ContextRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code .dockerignore} excludes is never sent to the builder, so copying it fails or
 * copies nothing. Like BuildKit's CopyIgnoredFile the source is matched against the patterns,
 * including its parent directories. BuildKit gives up when the file has {@code !} exceptions; with
 * the context at hand we can still tell: a source is reported when nothing of it is sent.
 */
@RuleInfo(code = "DF4012", slug = "copy-ignored-file", severity = Severity.WARNING,
        summary = "A COPY/ADD source is excluded by .dockerignore, so it is not in the build context.",
        aliases = {"CopyIgnoredFile"}, tags = {"copy", "context", "buildkit"})
public final class CopyIgnoredFile implements ContextRule {

    @Override
    public void check(Instruction instruction, Analysis analysis, BuildContext context, Findings out) {
        if (!CopySources.readsContext(instruction)) {
            return;
        }
        // a broken ignore file fails the build itself: nothing to say per COPY
        Optional<DockerIgnore> loaded = ContextPaths.ignoreFile(context).file();
        if (loaded.isEmpty() || loaded.get().isEmpty()) {
            return;
        }
        DockerIgnore ignore = loaded.get();
        String fileName = ignore.file().map(p -> p.getFileName().toString()).orElse(DockerIgnore.FILE_NAME);
        String verb = instruction instanceof Instruction.Add ? "Add" : "Copy";
        for (CopySources.Source source : CopySources.sources(instruction, analysis)) {
            if (source.isLocal() && source.value() != null && isIgnored(source.value(), ignore, context)) {
                out.report(source.word().range(), "Attempting to " + verb + " file '" + source.value()
                        + "' that is excluded by " + fileName + ": it is not sent to the builder, so the "
                        + instruction.name().toUpperCase(Locale.ROOT) + " fails or copies nothing.");
            }
        }
    }

    private static boolean isIgnored(String source, DockerIgnore ignore, BuildContext context) {
        String path = GoPaths.inContext(source);
        List<String> matches;
        try {
            matches = ContextPaths.resolve(context, source);
        } catch (GoGlob.BadPatternException e) {
            return false;
        }
        if (matches.isEmpty()) {
            // not on disk: judge the written path as BuildKit does (which it skips with exceptions)
            return !ignore.hasExceptions() && ignore.matchesOrParentMatches(path);
        }
        for (String match : matches) {
            if (isSent(match, ignore, context)) {
                return false;
            }
        }
        return true;
    }

    /** Whether any of the path reaches the builder: itself, or for a directory, something inside. */
    private static boolean isSent(String path, DockerIgnore ignore, BuildContext context) {
        if (path.equals(".") && !ignore.hasExceptions()) {
            // the root: BuildKit's check counts it as ignored only when everything is (*, **, **/*)
            return !ignore.matchesOrParentMatches(".");
        }
        if (!path.equals(".") && !ignore.excludes(path)) {
            return true;
        }
        if (!ignore.hasExceptions() || !Files.isDirectory(path.equals(".") ? context.root()
                : context.root().resolve(path))) {
            return false;
        }
        // an excluded directory may still send files an exception brings back
        return ContextPaths.walk(context, path, p -> false).stream().anyMatch(p -> !ignore.excludes(p));
    }
}
