package dev.dftools.lsp.features.diagnostics;

import dev.dftools.lint.BuildContext;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Severity;
import dev.dftools.lint.config.ConfigDiscovery;
import dev.dftools.lint.config.ConfigFile;
import dev.dftools.lsp.settings.DflsSettings;
import dev.dftools.lsp.settings.SettingsStore;
import dev.dftools.lsp.settings.WorkspaceFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out a document's {@link LintSetup}: its workspace folder's settings, the {@code .dflint.yaml}
 * / {@code .hadolint.yaml} discovered from the document's folder (as {@code dflint} does; read again
 * only when the file changes) and the build context: {@code contextPath} in the folder, else the
 * folder, else the document's own folder.
 */
public final class LintSetups {

    private record CachedConfig(Path file, FileTime modified, LintConfig config, String problem) {
    }

    /** A build context with what the context rules read from the disk, as made at a time and settings generation. */
    private record KeptContext(BuildContext context, long madeNanos, long generation) {
    }

    /**
     * How long a build context's disk reads are reused: the keystrokes of a burst then share one
     * (each would otherwise stat every COPY source again, ~2 ms a keystroke on a 2,000-line file),
     * and a file created in the context shows in the diagnostics of an edit made a moment later. A
     * save or a watched-file change (the settings generation) starts a new one at once.
     */
    static final long CONTEXT_REUSE_NANOS = 2_000_000_000L;

    private final WorkspaceFolders folders;
    private final SettingsStore settings;
    private final Map<Path, CachedConfig> configs = new ConcurrentHashMap<>();
    private final Map<BuildContext, KeptContext> contexts = new ConcurrentHashMap<>();

    public LintSetups(WorkspaceFolders folders, SettingsStore settings) {
        this.folders = folders;
        this.settings = settings;
    }

    public DflsSettings settingsFor(String uri) {
        return settings.forFolder(folders.folderOf(uri).map(WorkspaceFolders.Folder::uri).orElse(null));
    }

    public LintSetup setupFor(String uri) {
        DflsSettings s = settingsFor(uri);
        Optional<Path> file = WorkspaceFolders.toPath(uri);
        LintConfig base = LintConfig.defaults();
        String problem = null;
        if (s.useConfigFile() && file.isPresent() && file.get().getParent() != null) {
            Optional<Path> found = ConfigDiscovery.find(file.get().getParent());
            if (found.isPresent()) {
                CachedConfig cached = read(found.get());
                base = cached.config();
                problem = cached.problem();
            }
        }
        return new LintSetup(withSettings(base, s), context(uri, s).orElse(null), s, problem);
    }

    /** The build context of a document (absent for documents that are not files). */
    public Optional<BuildContext> context(String uri, DflsSettings s) {
        Optional<Path> file = WorkspaceFolders.toPath(uri);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path root = folders.folderOf(uri).map(WorkspaceFolders.Folder::path).orElse(file.get().getParent());
        if (root == null) {
            return Optional.empty();
        }
        if (!s.contextPath().isBlank()) {
            root = root.resolve(s.contextPath());
        }
        BuildContext fresh = new BuildContext(root, file.get());
        long now = System.nanoTime();
        long generation = settings.generation();
        KeptContext kept = contexts.compute(fresh, (k, old) -> old != null && old.generation() == generation
                && now - old.madeNanos() < CONTEXT_REUSE_NANOS ? old : new KeptContext(fresh, now, generation));
        return Optional.of(kept.context());
    }

    private CachedConfig read(Path file) {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            modified = FileTime.fromMillis(0);
        }
        CachedConfig cached = configs.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return cached;
        }
        CachedConfig fresh;
        try {
            fresh = new CachedConfig(file, modified, ConfigFile.read(file, LintConfig.defaults()), null);
        } catch (ConfigFile.ConfigException e) {
            fresh = new CachedConfig(file, modified, LintConfig.defaults(), e.getMessage());
        }
        configs.put(file, fresh);
        return fresh;
    }

    /** The settings on top of the file's configuration, like dflint's command-line options. */
    static LintConfig withSettings(LintConfig base, DflsSettings s) {
        Set<String> ignored = new LinkedHashSet<>(base.ignored());
        ignored.addAll(s.ignoredRules());
        Map<String, Severity> overrides = new LinkedHashMap<>(base.overrides());
        for (Map.Entry<String, String> e : s.ruleSeverities().entrySet()) {
            if (e.getValue().equals("off")) {
                ignored.add(e.getKey());
            } else {
                Severity.parse(e.getValue()).ifPresent(sev -> overrides.put(e.getKey(), sev));
            }
        }
        Set<String> enabled = new LinkedHashSet<>(base.enabled());
        enabled.addAll(s.enabledRules());
        return new LintConfig(ignored, overrides, base.trustedRegistries(), base.labelSchema(), base.strictLabels(),
                base.failureThreshold(), base.noFail(), base.disableIgnorePragma(), enabled);
    }
}
