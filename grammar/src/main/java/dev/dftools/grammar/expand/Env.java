package dev.dftools.grammar.expand;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The variables in scope for one expansion: name to value, or absent. A variable that is set
 * to the empty string is present (it matters for {@code ${v-w}} versus {@code ${v:-w}}).
 * Implementations must be immutable.
 */
public interface Env {

    /** The value of exactly {@code name}, or {@code null} if it is not set. */
    @Nullable String get(String name);

    /** The names that are set, in the order they were defined. */
    Set<String> names();

    /**
     * Lookup that ignores case, as BuildKit does on Windows. Like BuildKit (which normalises keys
     * to upper case when it builds the map) the last definition wins when two names differ only
     * in case. The default scans {@link #names()}; {@link #of} environments use an index.
     */
    default @Nullable String getIgnoreCase(String name) {
        String key = fold(name);
        String found = null;
        for (String n : names()) {
            if (fold(n).equals(key)) {
                found = get(n);
            }
        }
        return found;
    }

    static Env empty() {
        return MapEnv.EMPTY;
    }

    /** An environment holding a copy of {@code vars}, keeping its iteration order. */
    static Env of(Map<String, String> vars) {
        return new MapEnv(new LinkedHashMap<>(vars));
    }

    static Builder builder() {
        return new Builder();
    }

    /** Builds an environment in definition order; redefining a name keeps its first position. */
    final class Builder {
        private final LinkedHashMap<String, String> vars = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String name, String value) {
            vars.put(name, value);
            return this;
        }

        public Builder putAll(Env env) {
            for (String n : env.names()) {
                String v = env.get(n);
                if (v != null) {
                    vars.put(n, v);
                }
            }
            return this;
        }

        public Env build() {
            return new MapEnv(new LinkedHashMap<>(vars));
        }
    }

    /** Case folding used for Windows names (BuildKit upper-cases). */
    static String fold(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}

/** The map-backed {@link Env}; owns its (copied) maps, so it is immutable. */
final class MapEnv implements Env {
    static final MapEnv EMPTY = new MapEnv(new LinkedHashMap<>());

    private final Map<String, String> vars;
    private final Map<String, String> folded;

    MapEnv(LinkedHashMap<String, String> vars) {
        this.vars = Collections.unmodifiableMap(vars);
        Map<String, String> f = new LinkedHashMap<>();
        vars.forEach((k, v) -> f.put(Env.fold(k), v));
        this.folded = f;
    }

    @Override
    public @Nullable String get(String name) {
        return vars.get(name);
    }

    @Override
    public Set<String> names() {
        return vars.keySet();
    }

    @Override
    public @Nullable String getIgnoreCase(String name) {
        return folded.get(Env.fold(name));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MapEnv other && vars.equals(other.vars);
    }

    @Override
    public int hashCode() {
        return vars.hashCode();
    }

    @Override
    public String toString() {
        return "Env" + vars;
    }
}
