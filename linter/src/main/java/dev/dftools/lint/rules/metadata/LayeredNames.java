package dev.dftools.lint.rules.metadata;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An immutable set of names made of the names one instruction adds laid over the set before it,
 * which is shared, not copied (the ARGs declared along a chain of stages; see {@link LayeredEnv}).
 * Lookups walk at most {@link LayeredEnv#MAX_DEPTH} layers; a deeper set is flattened. Iterates in
 * the order the names were first added.
 */
public final class LayeredNames extends AbstractSet<String> {

    public static final LayeredNames EMPTY = new LayeredNames(null, Set.of());

    private final @Nullable LayeredNames below;
    private final Set<String> own;
    private final int depth;
    private volatile @Nullable Set<String> all;

    private LayeredNames(@Nullable LayeredNames below, Set<String> own) {
        this.below = below;
        this.own = own;
        this.depth = below == null ? 1 : below.depth + 1;
    }

    /** {@code names} itself when it is layered, else a copy of it. */
    public static LayeredNames over(Set<String> names) {
        if (names instanceof LayeredNames layered) {
            return layered;
        }
        return new LayeredNames(null, Collections.unmodifiableSet(new LinkedHashSet<>(names)));
    }

    /** This set with {@code added}; itself when nothing is new. */
    public LayeredNames with(Set<String> added) {
        Set<String> fresh = new LinkedHashSet<>();
        for (String name : added) {
            if (!contains(name)) {
                fresh.add(name);
            }
        }
        if (fresh.isEmpty()) {
            return this;
        }
        if (depth < LayeredEnv.MAX_DEPTH) {
            return new LayeredNames(this, Collections.unmodifiableSet(fresh));
        }
        Set<String> flat = new LinkedHashSet<>(all());
        flat.addAll(fresh);
        return new LayeredNames(null, Collections.unmodifiableSet(flat));
    }

    @Override
    public boolean contains(Object name) {
        for (LayeredNames layer = this; layer != null; layer = layer.below) {
            if (layer.own.contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Iterator<String> iterator() {
        return all().iterator();
    }

    @Override
    public int size() {
        return all().size();
    }

    /** How many layers a lookup walks at most (for tests). */
    int depth() {
        return depth;
    }

    private Set<String> all() {
        Set<String> known = all;
        if (known == null) {
            if (below == null) {
                known = own;
            } else {
                java.util.ArrayDeque<LayeredNames> layers = new java.util.ArrayDeque<>();
                for (LayeredNames layer = this; layer != null; layer = layer.below) {
                    layers.push(layer);
                }
                Set<String> merged = new LinkedHashSet<>();
                for (LayeredNames layer : layers) {
                    merged.addAll(layer.own);
                }
                known = Collections.unmodifiableSet(merged);
            }
            all = known;
        }
        return known;
    }
}
