package dev.dftools.grammar.expand;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link ShellLex#processWords}: the words after expansion and splitting, plus
 * the same name tracking as {@link Expansion}.
 */
public record WordsExpansion(List<String> words, Set<String> referenced, Set<String> unmatched) {

    public WordsExpansion {
        words = List.copyOf(words);
        referenced = Collections.unmodifiableSet(new LinkedHashSet<>(referenced));
        unmatched = Collections.unmodifiableSet(new LinkedHashSet<>(unmatched));
    }

    /** Names looked up and found set. */
    public Set<String> matched() {
        Set<String> m = new LinkedHashSet<>(referenced);
        m.removeAll(unmatched);
        return Collections.unmodifiableSet(m);
    }
}
