package dev.dftools.lsp.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The settings in force: one set per workspace folder (multi-root), plus the global ones (from
 * initializationOptions or an unscoped configuration request) for documents outside any folder
 * and folders the client sent nothing for. The generation changes on every update, so cached
 * results computed under older settings are recognised as stale.
 */
public final class SettingsStore {

    private volatile DflsSettings global = DflsSettings.defaults();
    private final Map<String, DflsSettings> perFolder = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public DflsSettings global() {
        return global;
    }

    public void setGlobal(DflsSettings settings) {
        global = settings;
        generation.incrementAndGet();
    }

    public void setFolder(String folderUri, DflsSettings settings) {
        perFolder.put(folderUri, settings);
        generation.incrementAndGet();
    }

    public void removeFolder(String folderUri) {
        perFolder.remove(folderUri);
        generation.incrementAndGet();
    }

    /** The settings of a folder, or the global ones when it has none (null: outside every folder). */
    public DflsSettings forFolder(String folderUri) {
        return folderUri == null ? global : perFolder.getOrDefault(folderUri, global);
    }

    public long generation() {
        return generation.get();
    }

    /** Something outside the settings changed what results mean (e.g. a .dflint.yaml was edited). */
    public void invalidate() {
        generation.incrementAndGet();
    }
}
