package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.grammar.context.GoGlob;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.ContextRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The context is sent to the builder as it is: a symbolic link travels as a link, and its target
 * outside the context does not. BuildKit follows a link named as a source inside the context's
 * snapshot, so the copy fails with "not found" (or picks up a different file); a link inside a
 * copied directory ends up dangling in the image.
 */
@RuleInfo(code = "DF4010", slug = "copy-symlink-outside-context", severity = Severity.ERROR,
        summary = "A COPY/ADD source is, or contains, a symbolic link that points outside the build context.",
        tags = {"copy", "context"})
public final class CopySymlinkOutsideContext implements ContextRule {

    private static final int MAX_LISTED = 3;

    @Override
    public void check(Instruction instruction, Analysis analysis, BuildContext context, Findings out) {
        if (!CopySources.readsContext(instruction)) {
            return;
        }
        DockerIgnore ignore = ContextPaths.ignoreOrEmpty(context);
        for (CopySources.Source source : CopySources.sources(instruction, analysis)) {
            if (source.isLocal() && source.value() != null) {
                check(source, context, ignore, out);
            }
        }
    }

    private static void check(CopySources.Source source, BuildContext context, DockerIgnore ignore, Findings out) {
        List<String> paths;
        try {
            paths = ContextPaths.resolve(context, source.value());
        } catch (GoGlob.BadPatternException e) {
            return;
        }
        List<ContextPaths.Escape> inside = new ArrayList<>();
        for (String path : paths) {
            Optional<ContextPaths.Escape> direct = ContextPaths.symlinkOutside(context, path);
            if (direct.isPresent()) {
                ContextPaths.Escape e = direct.get();
                out.report(source.word().range(), "'" + e.link() + "' is a symbolic link to '" + e.target()
                        + "', outside the build context: the builder resolves it inside the context, so this "
                        + "copy fails or copies something else. Copy the real file into the context instead.");
                return;
            }
            // what .dockerignore leaves out is never sent, links included
            for (String entry : ContextPaths.walk(context, path, ignore::excludes)) {
                java.nio.file.Path file = context.root().resolve(entry);
                if (java.nio.file.Files.isSymbolicLink(file)) {
                    ContextPaths.escape(context.root(), file).ifPresent(inside::add);
                }
            }
        }
        if (!inside.isEmpty()) {
            StringBuilder listed = new StringBuilder();
            for (int i = 0; i < Math.min(MAX_LISTED, inside.size()); i++) {
                listed.append(i == 0 ? "" : ", ").append("'").append(inside.get(i).link()).append("' -> '")
                        .append(inside.get(i).target()).append("'");
            }
            if (inside.size() > MAX_LISTED) {
                listed.append(" and ").append(inside.size() - MAX_LISTED).append(" more");
            }
            out.report(source.word().range(), "'" + source.text() + "' contains symbolic links that point outside "
                    + "the build context (" + listed + "): they are copied as links and dangle in the image.");
        }
    }
}
