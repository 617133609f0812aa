package dev.dftools.lsp.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The settings in force: one set per workspace folder (multi-root), plus the global ones (from
 * initializationOptions or an unscoped configuration request) for documents outside any folder
 * and folders the client sent nothing for. The generation changes on every update that changes
 * the settings in force, so cached results computed under older settings are recognised as stale.
 */
public final class SettingsStore {

    private volatile DflsSettings global = DflsSettings.defaults();
    private final Map<String, DflsSettings> perFolder = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public DflsSettings global() {
        return global;
    }

    /** Sets the global settings; true (and a new generation) when they differ from those in force. */
    public boolean setGlobal(DflsSettings settings) {
        boolean changed = !settings.equals(global);
        global = settings;
        if (changed) {
            generation.incrementAndGet();
        }
        return changed;
    }

    /** Sets a folder's settings; true (and a new generation) when they differ from those in force there. */
    public boolean setFolder(String folderUri, DflsSettings settings) {
        boolean changed = !settings.equals(forFolder(folderUri));
        perFolder.put(folderUri, settings);
        if (changed) {
            generation.incrementAndGet();
        }
        return changed;
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
