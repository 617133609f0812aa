package dev.dftools.lint.rules.metadata;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable set of names made of the names one instruction adds laid over the set before it,
 * which is shared, not copied (the ARGs declared along a chain of stages). The names are kept as
 * the variables of a {@link LayeredEnv} (values unused), which does the layering: lookups walk at
 * most {@link LayeredEnv#MAX_DEPTH} layers, a deeper set is flattened. Iterates in the order the
 * names were first added.
 */
public final class LayeredNames extends AbstractSet<String> {

    public static final LayeredNames EMPTY = new LayeredNames(LayeredEnv.of(Map.of()));

    private final LayeredEnv names;

    private LayeredNames(LayeredEnv names) {
        this.names = names;
    }

    /** {@code names} itself when it is layered, else a copy of it. */
    public static LayeredNames over(Set<String> names) {
        if (names instanceof LayeredNames layered) {
            return layered;
        }
        return new LayeredNames(LayeredEnv.of(asVariables(names)));
    }

    /** This set with {@code added}; itself when nothing is new. */
    public LayeredNames with(Set<String> added) {
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String name : added) {
            if (!contains(name)) {
                fresh.put(name, "");
            }
        }
        return fresh.isEmpty() ? this : new LayeredNames(names.with(fresh));
    }

    @Override
    public boolean contains(Object name) {
        return name instanceof String s && names.get(s) != null;
    }

    @Override
    public Iterator<String> iterator() {
        return names.names().iterator();
    }

    @Override
    public int size() {
        return names.names().size();
    }

    /** How many layers a lookup walks at most (for tests). */
    int depth() {
        return names.depth();
    }

    private static Map<String, String> asVariables(Set<String> names) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String name : names) {
            variables.put(name, "");
        }
        return variables;
    }
}
