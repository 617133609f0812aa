package dev.dftools.lsp.features.diagnostics;

import dev.dftools.lint.Finding;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.lsp.text.LspRanges;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * A dflint {@link Finding} as an LSP diagnostic: code = the DF (or SC) code, source "dflint",
 * {@code codeDescription} linking to the rule's page, tags for deprecated and unnecessary code.
 */
public final class DiagnosticConverter {

    public static final String SOURCE = "dflint";

    /** This installation's docs/rules folder, found next to the jar or the classes (absent in a bare jar). */
    private static final Optional<Path> LOCAL_DOCS = findLocalDocs();
    /**
     * The local page's URL per code: Path.toUri stats the file (a directory's URI ends in '/'), and a
     * keystroke converts every finding of the file (900+ on a 2,000-line file).
     */
    private static final Map<String, String> LOCAL_DOC_URLS = new ConcurrentHashMap<>();

    private DiagnosticConverter() {
    }

    public static List<Diagnostic> diagnostics(List<Finding> findings, DflsSettings settings) {
        List<Diagnostic> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(diagnostic(f, settings));
        }
        return out;
    }

    public static Diagnostic diagnostic(Finding f, DflsSettings settings) {
        Diagnostic d = new Diagnostic(LspRanges.range(f.range()), f.message(), severity(f), SOURCE, f.code());
        docUrl(f.code(), settings).ifPresent(url -> d.setCodeDescription(new DiagnosticCodeDescription(url)));
        List<DiagnosticTag> tags = tags(f.rule().slug());
        if (!tags.isEmpty()) {
            d.setTags(tags);
        }
        return d;
    }

    /** The code a diagnostic carries (a string, as the server sends it). */
    public static Optional<String> code(Diagnostic d) {
        Either<String, Integer> code = d.getCode();
        if (code == null) {
            return Optional.empty();
        }
        return Optional.of(code.isLeft() ? code.getLeft() : String.valueOf(code.getRight()));
    }

    static DiagnosticSeverity severity(Finding f) {
        return switch (f.severity()) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case STYLE -> DiagnosticSeverity.Hint;
        };
    }

    static List<DiagnosticTag> tags(String slug) {
        if (slug.contains("deprecated")) {
            return List.of(DiagnosticTag.Deprecated);
        }
        if (slug.startsWith("redundant-") || slug.startsWith("unused-")) {
            return List.of(DiagnosticTag.Unnecessary);
        }
        return List.of();
    }

    static Optional<String> docUrl(String code, DflsSettings settings) {
        if (code.startsWith("SC")) {
            return Optional.of("https://www.shellcheck.net/wiki/" + code);
        }
        if (!code.startsWith("DF") || code.equals("DF0000")) {
            return Optional.empty();
        }
        String base = settings.docsBaseUrl();
        if (!base.isBlank()) {
            return Optional.of((base.endsWith("/") ? base : base + "/") + code + ".md");
        }
        return LOCAL_DOCS.map(dir -> LOCAL_DOC_URLS.computeIfAbsent(code, c -> dir.resolve(c + ".md").toUri().toString()));
    }

    private static Optional<Path> findLocalDocs() {
        try {
            URL location = DiagnosticConverter.class.getProtectionDomain().getCodeSource().getLocation();
            Path p = Path.of(location.toURI());
            for (int i = 0; i < 5 && p != null; i++, p = p.getParent()) {
                Path docs = p.resolve("docs").resolve("rules");
                if (Files.isDirectory(docs)) {
                    return Optional.of(docs);
                }
            }
        } catch (Exception e) {
            // no code source (unusual class loader): diagnostics go without links
        }
        return Optional.empty();
    }
}
