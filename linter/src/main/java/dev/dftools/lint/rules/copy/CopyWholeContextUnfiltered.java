package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.grammar.context.GoPaths;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.ContextRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code COPY . .} puts everything the context sends into the image. Without a
 * {@code .dockerignore} that means the git history, local dependency folders, environment files
 * and private keys: slow builds, big images, leaked secrets.
 */
@RuleInfo(code = "DF4013", slug = "copy-whole-context-unfiltered", severity = Severity.WARNING,
        summary = "The whole build context is copied while .git, node_modules, .env files or private keys "
                + "in it are not excluded by .dockerignore.",
        tags = {"copy", "context", "security"})
public final class CopyWholeContextUnfiltered implements ContextRule {

    /** Names that do not belong in an image, by what they are. */
    private static final Pattern SECRET_FILE = Pattern.compile(
            "\\.env|\\.env\\..+|.+\\.pem|.+\\.key|.+\\.p12|.+\\.pfx|id_rsa|id_dsa|id_ecdsa|id_ed25519|\\.npmrc|\\.pypirc"
                    + "|\\.netrc|credentials\\.json");
    private static final Pattern BULKY_DIR = Pattern.compile("\\.git|node_modules|\\.venv|__pycache__|\\.terraform");
    /** Public halves and examples are fine to ship. */
    private static final Pattern HARMLESS = Pattern.compile(".+\\.pub|\\.env\\.(example|sample|template|dist)");
    private static final int MAX_LISTED = 5;

    @Override
    public void check(Instruction instruction, Analysis analysis, BuildContext context, Findings out) {
        if (!CopySources.readsContext(instruction)) {
            return;
        }
        ContextPaths.IgnoreFile ignoreFile = ContextPaths.ignoreFile(context);
        if (ignoreFile.broken()) {
            return;
        }
        Optional<DockerIgnore> loaded = ignoreFile.file();
        DockerIgnore ignore = loaded.orElse(DockerIgnore.empty());
        for (CopySources.Source source : CopySources.sources(instruction, analysis)) {
            if (!source.isLocal() || source.value() == null || !GoPaths.inContext(source.value()).equals(".")) {
                continue;
            }
            List<String> found = unwanted(context);
            if (found.isEmpty()) {
                return;
            }
            String listed = String.join(", ", found.subList(0, Math.min(MAX_LISTED, found.size())))
                    + (found.size() > MAX_LISTED ? " and " + (found.size() - MAX_LISTED) + " more" : "");
            String why = loaded.isPresent()
                    ? "the context's " + ignore.file().map(p -> p.getFileName().toString()).orElse(".dockerignore")
                            + " does not exclude " + listed
                    : "there is no .dockerignore, so it includes " + listed;
            out.report(source.word().range(), instruction.name().toUpperCase(Locale.ROOT) + " copies the whole "
                    + "build context and " + why + ". List them in .dockerignore.");
        }
    }

    /** What the context would send that should not be in an image, shallow first (listed once per context). */
    private static List<String> unwanted(BuildContext context) {
        return context.memo(Unwanted.class, Unwanted.class, c -> new Unwanted(list(c, ContextPaths.ignoreOrEmpty(c))))
                .paths();
    }

    private record Unwanted(List<String> paths) {
    }

    private static List<String> list(BuildContext context, DockerIgnore ignore) {
        List<String> result = new ArrayList<>();
        // bulky and secret things, not inside folders that are reported (or excluded) as a whole
        for (String path : ContextPaths.walk(context, ".", p -> ignore.excludes(p) || depth(p) > 3
                || insideBulky(p))) {
            String name = GoPaths.base(path);
            boolean dir = Files.isDirectory(context.root().resolve(path));
            if (dir && BULKY_DIR.matcher(name).matches()) {
                result.add(path + "/");
            } else if (!dir && SECRET_FILE.matcher(name).matches() && !HARMLESS.matcher(name).matches()) {
                result.add(path);
            }
        }
        return result;
    }

    private static boolean insideBulky(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (BULKY_DIR.matcher(parts[i]).matches()) {
                return true;
            }
        }
        return false;
    }

    private static int depth(String path) {
        return path.split("/").length;
    }
}
