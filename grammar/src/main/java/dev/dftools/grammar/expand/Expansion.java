package dev.dftools.grammar.expand;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The result of {@link ShellLex#processWord}: the expanded word, every variable name looked up
 * (in order of first lookup) and the subset that was not set. Like BuildKit, a name counts as
 * looked up whatever the operator, so {@code ${X:-d}} with X unset reports X as unmatched, and
 * the alternative word is always expanded (its names are reported even when it is not used).
 */
public record Expansion(String value, Set<String> referenced, Set<String> unmatched) {

    public Expansion {
        referenced = Collections.unmodifiableSet(new LinkedHashSet<>(referenced));
        unmatched = Collections.unmodifiableSet(new LinkedHashSet<>(unmatched));
    }

    /** Names looked up and found set (BuildKit's {@code Matched}). */
    public Set<String> matched() {
        Set<String> m = new LinkedHashSet<>(referenced);
        m.removeAll(unmatched);
        return Collections.unmodifiableSet(m);
    }
}
