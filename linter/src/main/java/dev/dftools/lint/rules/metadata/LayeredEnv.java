package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.expand.Env;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An immutable {@link Env} made of the variables an ARG or ENV (re)defines laid over the
 * environment before it, which is shared, not copied: a chain of stages each built
 * {@code FROM} the previous one then costs the variables each stage defines, not the whole
 * environment per stage and instruction. Lookups walk at most {@link #MAX_DEPTH} layers; a deeper
 * environment is flattened into one layer. Same contents and order of {@link #names()} as
 * {@link Env#of} of the equivalent map (a redefined name keeps its first position).
 */
final class LayeredEnv implements Env {

    /** Layers a lookup may walk before the environment is flattened (which copies it). */
    static final int MAX_DEPTH = 16;

    private final @Nullable LayeredEnv below;
    private final Map<String, String> own;
    private final int depth;
    /** All names in definition order, computed on first use (a benign race: same value). */
    private volatile @Nullable Set<String> names;

    private LayeredEnv(@Nullable LayeredEnv below, Map<String, String> own) {
        this.below = below;
        this.own = own;
        this.depth = below == null ? 1 : below.depth + 1;
    }

    /** An environment holding a copy of {@code vars}, in their order. */
    static LayeredEnv of(Map<String, String> vars) {
        return new LayeredEnv(null, Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
    }

    /** {@code env} itself when it is layered, else a copy of it. */
    static LayeredEnv over(Env env) {
        if (env instanceof LayeredEnv layered) {
            return layered;
        }
        LinkedHashMap<String, String> vars = new LinkedHashMap<>();
        for (String name : env.names()) {
            String value = env.get(name);
            if (value != null) {
                vars.put(name, value);
            }
        }
        return new LayeredEnv(null, Collections.unmodifiableMap(vars));
    }

    /** This environment with {@code name} set to {@code value}. */
    LayeredEnv with(String name, String value) {
        return with(Map.of(name, value));
    }

    /** This environment with the given names (re)defined, in their order. */
    LayeredEnv with(Map<String, String> defined) {
        if (defined.isEmpty()) {
            return this;
        }
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(defined));
        if (depth < MAX_DEPTH) {
            return new LayeredEnv(this, copy);
        }
        LinkedHashMap<String, String> flat = flatten();
        flat.putAll(copy);
        return new LayeredEnv(null, Collections.unmodifiableMap(flat));
    }

    @Override
    public @Nullable String get(String name) {
        for (LayeredEnv layer = this; layer != null; layer = layer.below) {
            String value = layer.own.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            known = below == null ? own.keySet() : Collections.unmodifiableSet(flatten().keySet());
            names = known;
        }
        return known;
    }

    /** All variables in one map, bottom layer first (a redefined name keeps its first position). */
    private LinkedHashMap<String, String> flatten() {
        java.util.ArrayDeque<LayeredEnv> layers = new java.util.ArrayDeque<>();
        for (LayeredEnv layer = this; layer != null; layer = layer.below) {
            layers.push(layer);
        }
        LinkedHashMap<String, String> flat = new LinkedHashMap<>();
        for (LayeredEnv layer : layers) {
            flat.putAll(layer.own);
        }
        return flat;
    }

    /** How many layers a lookup walks at most (for tests). */
    int depth() {
        return depth;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Env{");
        for (String name : names()) {
            out.append(out.length() > 4 ? ", " : "").append(name).append('=').append(get(name));
        }
        return out.append('}').toString();
    }
}
