package dev.dftools.lint;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Facts about one stage that the stage's own text decides (the ARG and ENV it declares, the case
 * of its keywords, ...), kept from one version of a document to the next by that text: after an
 * edit, a stage whose text is unchanged gets its facts without its instructions being walked
 * again, so the whole-file facts {@link StageInflow} rules build from them cost each edit one step
 * per stage, not one per instruction.
 * <p>
 * A stage's text runs from its first line (the comments attached to its FROM included) to the
 * first line of the next stage; with the escape character, which only the text before the first
 * FROM can change, it decides the stage's instructions. A fact must therefore be computed from the
 * stage's instructions alone, and hold no AST node and no position (the stage may have moved).
 * <p>
 * A fact that depends on more than one stage's text can be kept too, under a key that decides it
 * entirely ({@link #keyed}: the variables a stage ends with, under the digest of every definition
 * of it and the stages it builds on). Both kinds are carried only to the next version, and only
 * the ones that version asked for, so they stay as many as the document's stages.
 * Thread-safe; {@link #next} is what the next version of the same document may reuse.
 */
public final class StageFacts {

    /** A fact kept under a value that decides it. */
    private record Keyed(Object kind, Object key) {
    }

    private final Map<String, Map<Object, Object>> previous;
    private final Map<String, Map<Object, Object>> current = new ConcurrentHashMap<>();
    private final Map<Keyed, Object> previousKeyed;
    private final Map<Keyed, Object> currentKeyed = new ConcurrentHashMap<>();

    private StageFacts(Map<String, Map<Object, Object>> previous, Map<Keyed, Object> previousKeyed) {
        this.previous = previous;
        this.previousKeyed = previousKeyed;
    }

    /** Facts for a document seen for the first time (or a file linted once). */
    public static StageFacts fresh() {
        return new StageFacts(Map.of(), Map.of());
    }

    /**
     * Facts for the next version of the document: what this version computed, for the stage texts
     * it had. Only valid while the text before the first FROM (the escape character) is unchanged.
     */
    public StageFacts next() {
        return new StageFacts(new HashMap<>(current), new HashMap<>(currentKeyed));
    }

    /** The facts of the stage with this text, kept or new (a stage's facts are asked for through it). */
    Map<Object, Object> forText(String stageText) {
        return current.computeIfAbsent(stageText, text -> {
            Map<Object, Object> kept = previous.get(text);
            return kept != null ? kept : new ConcurrentHashMap<>();
        });
    }

    /** The fact {@code kind} in a stage's facts ({@link #forText}): kept, or computed now. */
    static <T> T get(Map<Object, Object> facts, Object kind, Class<T> type, Supplier<T> compute) {
        Object value = facts.get(kind);
        if (value == null) {
            value = compute.get();
            Object raced = facts.putIfAbsent(kind, value);
            value = raced != null ? raced : value;
        }
        return type.cast(value);
    }

    /**
     * A fact kept under a key that decides it entirely (say, a digest of every definition a stage
     * and the stages it builds on make), from this version or the previous one; null when unknown.
     */
    <T> @Nullable T keyed(Object kind, Object key, Class<T> type) {
        Keyed k = new Keyed(kind, key);
        Object value = currentKeyed.get(k);
        if (value == null) {
            value = previousKeyed.get(k);
            if (value != null) {
                currentKeyed.putIfAbsent(k, value);
            }
        }
        return type.cast(value);
    }

    /** Keeps a fact under a key that decides it entirely (see {@link #keyed}). */
    void keep(Object kind, Object key, Object value) {
        currentKeyed.putIfAbsent(new Keyed(kind, key), value);
    }
}
