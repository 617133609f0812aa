package dev.dftools.grammar.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

    @Test
    void exactLookupIsCaseSensitive() {
        Env env = Env.of(Map.of("Path", "/bin"));
        assertEquals("/bin", env.get("Path"));
        assertNull(env.get("PATH"));
    }

    @Test
    void ignoreCaseLookupFindsAnyCaseAndTheLastDefinitionWins() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("path", "/first");
        vars.put("PATH", "/second");
        Env env = Env.of(vars);
        assertEquals("/second", env.getIgnoreCase("Path"));
        assertEquals("/second", env.getIgnoreCase("path"));
        assertNull(env.getIgnoreCase("HOME"));
        // the index is built once and then reused: same answers the second time
        assertEquals("/second", env.getIgnoreCase("pAtH"));
        assertEquals("/first", env.get("path"));
    }

    @Test
    void indexedLookupAgreesWithTheDefaultScan() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("Go_Path", "/go");
        vars.put("GO_PATH", "/go2");
        vars.put("home", "/root");
        Env indexed = Env.of(vars);
        Env scanned = new Env() {
            @Override
            public String get(String name) {
                return vars.get(name);
            }

            @Override
            public java.util.Set<String> names() {
                return vars.keySet();
            }
        };
        for (String name : new String[] {"go_path", "GO_PATH", "HOME", "Home", "missing"}) {
            assertEquals(scanned.getIgnoreCase(name), indexed.getIgnoreCase(name), name);
        }
    }
}
