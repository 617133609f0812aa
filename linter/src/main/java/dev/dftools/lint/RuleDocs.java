package dev.dftools.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A rule's documentation page: generated from its metadata plus a hand-written sidecar
 * ({@code rule-docs/<CODE>.md}: why, a bad and a good example, the fix). {@code docs/rules/}
 * holds the generated pages; a test fails when they are stale. {@code dflint --explain} shows the same page.
 */
public final class RuleDocs {

    /** Where the sidecars live in the source tree, relative to the linter module. */
    public static final Path SIDECARS = Path.of("src/main/resources/rule-docs");

    private RuleDocs() {
    }

    public static Optional<String> sidecar(String code) {
        try (InputStream in = RuleDocs.class.getResourceAsStream("/rule-docs/" + code + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String page(RuleMeta meta, String sidecar) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(meta.code()).append(' ').append(meta.slug()).append("\n\n");
        s.append(meta.summary()).append("\n\n");
        s.append("| | |\n| --- | --- |\n");
        s.append("| Severity | ").append(meta.severity().label()).append(" |\n");
        s.append("| Enabled by default | ").append(meta.enabledByDefault() ? "yes" : "no").append(" |\n");
        if (!meta.aliases().isEmpty()) {
            s.append("| Also known as | ").append(aliases(meta.aliases())).append(" |\n");
        }
        if (!meta.tags().isEmpty()) {
            s.append("| Tags | ").append(String.join(", ", meta.tags())).append(" |\n");
        }
        s.append('\n').append(sidecar.strip()).append("\n\n");
        s.append("<!-- Generated from the rule's metadata and linter/src/main/resources/rule-docs/")
                .append(meta.code()).append(".md; edit those, then run: ")
                .append("DFTOOLS_UPDATE_DOCS=1 mvn -q -pl linter test -Dtest=RuleDocsTest -->\n");
        return s.toString();
    }

    private static String aliases(List<String> aliases) {
        return String.join(", ", aliases.stream().map(a -> RuleRegistry.isBuildKitName(a)
                ? "`" + a + "` (BuildKit check)" : a.startsWith("DL") ? "`" + a + "` (hadolint)" : "`" + a + "`")
                .toList());
    }

    /** The index page of docs/rules. */
    public static String index(List<RuleMeta> metas) {
        StringBuilder s = new StringBuilder("# dflint rules\n\n");
        s.append("Every rule, with its code, what it catches, its default severity and the hadolint code or ")
                .append("BuildKit check it answers to (usable wherever a code is: configuration, `--ignore`, ")
                .append("inline `# dflint ignore=` / `# hadolint ignore=` comments and `# check=skip=`).\n\n");
        s.append("| Code | Name | Severity | Also known as | Summary |\n| --- | --- | --- | --- | --- |\n");
        for (RuleMeta meta : metas) {
            s.append("| [").append(meta.code()).append("](").append(meta.code()).append(".md) | ")
                    .append(meta.slug()).append(" | ").append(meta.severity().label())
                    .append(meta.enabledByDefault() ? "" : " (off)").append(" | ")
                    .append(String.join(", ", meta.aliases())).append(" | ")
                    .append(meta.summary().replace("|", "\\|")).append(" |\n");
        }
        s.append("\n<!-- Generated; run: DFTOOLS_UPDATE_DOCS=1 mvn -q -pl linter test -Dtest=RuleDocsTest -->\n");
        return s.toString();
    }
}
