package dev.dftools.lsp.features.layers;

import dev.dftools.lsp.settings.WorkspaceFolders;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Where a document's layer sizes come from, newest first:
 * <ol>
 * <li>the report of the last "Simulate build" run by the server for that document (kept in memory);</li>
 * <li>a saved {@code dfsim build --format json} report at the {@code simulator.report} setting,
 * relative to the build context (default {@code .dfsim/report.json}), if its {@code dockerfile}
 * names this document (resolved against the context, or the same file name).</li>
 * </ol>
 * Saved reports are read again only when the file changes.
 */
public final class LayerReports {

    private record Cached(FileTime modified, Optional<BuildReport> report) {
    }

    private final Map<String, BuildReport> simulated = new ConcurrentHashMap<>();
    private final Map<Path, Cached> files = new ConcurrentHashMap<>();
    private final BiConsumer<String, Throwable> onError;

    public LayerReports(BiConsumer<String, Throwable> onError) {
        this.onError = onError;
    }

    public void putSimulated(String uri, BuildReport report) {
        simulated.put(uri, report);
    }

    public void forget(String uri) {
        simulated.remove(uri);
    }

    public Optional<BuildReport> reportFor(String uri, Optional<Path> context, String reportSetting) {
        BuildReport fresh = simulated.get(uri);
        if (fresh != null) {
            return Optional.of(fresh);
        }
        Optional<Path> document = WorkspaceFolders.toPath(uri);
        if (context.isEmpty() || document.isEmpty() || reportSetting.isBlank()) {
            return Optional.empty();
        }
        Path file = context.get().resolve(reportSetting).normalize();
        return read(file).filter(r -> describes(r, context.get(), document.get()));
    }

    /** True when the report's {@code dockerfile} (as given to dfsim) is this document. */
    static boolean describes(BuildReport report, Path context, Path document) {
        String name = report.dockerfile();
        if (name == null || name.isBlank()) {
            return false;
        }
        Path named = Path.of(name);
        Path resolved = (named.isAbsolute() ? named : context.resolve(named)).toAbsolutePath().normalize();
        if (resolved.equals(document.toAbsolutePath().normalize())) {
            return true;
        }
        return !named.isAbsolute() && named.getNameCount() == 1 && named.equals(document.getFileName())
                && document.getParent() != null && document.getParent().equals(context);
    }

    private Optional<BuildReport> read(Path file) {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            files.remove(file);
            return Optional.empty(); // no saved report: the usual case
        }
        Cached cached = files.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.report();
        }
        Optional<BuildReport> report;
        try {
            report = Optional.of(ReportJson.read(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            onError.accept("layer report " + file + " is not a dfsim JSON report", e);
            report = Optional.empty();
        }
        files.put(file, new Cached(modified, report));
        return report;
    }
}
