package dev.dftools.lint.rules.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntaxHelpersTest {

    @Test
    void goDurations() {
        assertEquals(30e9, GoValues.duration("30s").getAsDouble());
        assertEquals(90e9, GoValues.duration("1m30s").getAsDouble());
        assertEquals(1.5e9, GoValues.duration("1.5s").getAsDouble());
        assertEquals(0, GoValues.duration("0").getAsDouble());
        assertEquals(-2e6, GoValues.duration("-2ms").getAsDouble());
        assertTrue(GoValues.duration("30").isEmpty());
        assertTrue(GoValues.duration("").isEmpty());
        assertTrue(GoValues.duration("5 s").isEmpty());
        assertTrue(GoValues.duration("1d").isEmpty());
    }

    @Test
    void goIntegersAndBooleans() {
        assertEquals(3L, GoValues.int32("3"));
        assertEquals(-1L, GoValues.int32("-1"));
        assertNull(GoValues.int32("3000000000"));
        assertNull(GoValues.int32("three"));
        assertEquals(true, GoValues.bool("T"));
        assertNull(GoValues.bool("yes"));
    }

    @Test
    void suggestionsLikeBuildKit() {
        assertEquals(Optional.of("chown"), Suggestions.closest("chwon", List.of("from", "chown", "chmod")));
        assertEquals(Optional.empty(), Suggestions.closest("chown", List.of("chown", "chmod")));
        assertEquals(Optional.empty(), Suggestions.closest("verbose", List.of("from")));
    }

    @Test
    void mountCsv() {
        List<InvalidMount.Field> fields = InvalidMount.split("type=cache,\"target=/a,b\",ro");
        assertEquals(List.of("type=cache", "target=/a,b", "ro"), fields.stream().map(InvalidMount.Field::text).toList());
        assertEquals(11, fields.get(1).start());
        assertNull(InvalidMount.split("type=ca\"che"));
    }
}
