package dev.dftools.lint.rules.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.expand.Env;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layered environment and name set must behave exactly like copied maps and sets. */
class LayeredEnvTest {

    @Test
    void randomDefinitionsMatchACopiedMapAtEveryStep() {
        Random random = new Random(42);
        for (int run = 0; run < 50; run++) {
            LinkedHashMap<String, String> model = new LinkedHashMap<>(Map.of("PATH", "/bin"));
            LayeredEnv env = LayeredEnv.of(model);
            List<LayeredEnv> versions = new ArrayList<>();
            List<Map<String, String>> models = new ArrayList<>();
            for (int step = 0; step < 120; step++) {
                LinkedHashMap<String, String> defined = new LinkedHashMap<>();
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    defined.put("V" + random.nextInt(40), "x" + random.nextInt(5));
                }
                env = defined.size() == 1 && random.nextBoolean()
                        ? env.with(defined.keySet().iterator().next(), defined.values().iterator().next())
                        : env.with(defined);
                model.putAll(defined);
                versions.add(env);
                models.add(new LinkedHashMap<>(model));
                assertTrue(env.depth() <= LayeredEnv.MAX_DEPTH, "lookups stay bounded: " + env.depth());
            }
            // every version still holds what it held when it was made (nothing is shared mutably)
            for (int i = 0; i < versions.size(); i++) {
                assertSameAs(models.get(i), versions.get(i));
            }
        }
    }

    @Test
    void overKeepsALayeredEnvAndCopiesAnyOther() {
        Env plain = Env.of(Map.of("A", "1"));
        LayeredEnv copied = LayeredEnv.over(plain);
        assertEquals("1", copied.get("A"));
        assertSame(copied, LayeredEnv.over(copied));
        assertSame(copied, copied.with(Map.of()));
    }

    @Test
    void aRedefinedNameKeepsItsFirstPositionAndTheNewValue() {
        LayeredEnv env = LayeredEnv.of(Map.of("A", "1")).with("B", "2").with("A", "3");
        assertEquals(List.of("A", "B"), List.copyOf(env.names()));
        assertEquals("3", env.get("A"));
        assertNull(env.get("C"));
        assertEquals("3", env.getIgnoreCase("a"));
    }

    @Test
    void layeredNamesMatchACopiedSet() {
        Random random = new Random(7);
        LinkedHashSet<String> model = new LinkedHashSet<>();
        LayeredNames names = LayeredNames.EMPTY;
        for (int step = 0; step < 200; step++) {
            Set<String> added = new LinkedHashSet<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                added.add("A" + random.nextInt(60));
            }
            LayeredNames next = names.with(added);
            if (model.containsAll(added)) {
                assertSame(names, next, "nothing new: the same set");
            }
            model.addAll(added);
            names = next;
            assertEquals(List.copyOf(model), List.copyOf(names), "order of first addition");
            assertEquals(model, names);
            assertEquals(model.hashCode(), names.hashCode());
            assertFalse(names.contains("B1"));
            assertTrue(names.depth() <= LayeredEnv.MAX_DEPTH);
        }
        assertSame(names, LayeredNames.over(names));
        assertEquals(Set.of("x", "y"), LayeredNames.over(Set.of("x", "y")));
    }

    private static void assertSameAs(Map<String, String> model, Env env) {
        assertEquals(List.copyOf(model.keySet()), List.copyOf(env.names()));
        for (Map.Entry<String, String> e : model.entrySet()) {
            assertEquals(e.getValue(), env.get(e.getKey()), e.getKey());
        }
        assertNull(env.get("V99"));
    }
}
