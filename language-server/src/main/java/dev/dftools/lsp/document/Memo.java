package dev.dftools.lsp.document;

import java.util.function.Supplier;

/**
 * A value computed at most once, on first use, by whichever thread asks first (the others wait).
 * Keeps per-version work (parse, lint) from being repeated when several requests need it.
 */
public final class Memo<T> implements Supplier<T> {

    private Supplier<T> compute;
    private volatile T value;

    private Memo(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Memo<T> of(Supplier<T> compute) {
        return new Memo<>(compute);
    }

    @Override
    public T get() {
        T v = value;
        if (v != null) {
            return v;
        }
        synchronized (this) {
            if (value == null) {
                value = compute.get();
                compute = null; // let the captured inputs go
            }
            return value;
        }
    }

    public boolean isComputed() {
        return value != null;
    }
}
