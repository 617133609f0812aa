package dev.dftools.lsp.document;

import java.util.function.Function;

/**
 * A value derived from a snapshot, kept for the few most recent snapshots (by identity: a new
 * version is a new snapshot). Editors ask for the same thing about the same version several times
 * (VS Code's outline, breadcrumbs and sticky scroll each request document symbols), so the second
 * request costs nothing. The value must not be changed by whoever receives it.
 */
public final class RecentSnapshots<V> {

    private final DocumentSnapshot[] keys;
    private final Object[] values;
    private int next;

    public RecentSnapshots(int size) {
        this.keys = new DocumentSnapshot[size];
        this.values = new Object[size];
    }

    @SuppressWarnings("unchecked")
    public V get(DocumentSnapshot snapshot, Function<DocumentSnapshot, V> compute) {
        synchronized (keys) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == snapshot) {
                    return (V) values[i];
                }
            }
        }
        V value = compute.apply(snapshot); // outside the lock: a slow computation blocks no other document
        synchronized (keys) {
            keys[next] = snapshot;
            values[next] = value;
            next = (next + 1) % keys.length;
        }
        return value;
    }
}
