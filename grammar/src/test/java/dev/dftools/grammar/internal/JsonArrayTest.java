package dev.dftools.grammar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Jackson-free fast path of the exec form must decide exactly as Jackson does, or defer. */
class JsonArrayTest {

    @Test
    void simpleArraysAreDecodedWithoutJacksonWithTheSameSpans() {
        String text = "x [ \"a b\",\"c\" ]\t";
        JsonArray.Strings strings = JsonArray.simpleStrings(text, 2, text.length());
        assertEquals(List.of(new JsonArray.Element("a b", 4, 9), new JsonArray.Element("c", 10, 13)),
                strings.elements());
        assertEquals(JsonArray.parseWithJackson(text, 2, text.length()), strings);
        assertEquals(List.of(), JsonArray.simpleStrings("[ ]", 0, 3).elements());
    }

    @Test
    void anythingElseIsLeftToJackson() {
        for (String text : List.of("[\"a\\\"b\"]", "[\"\\u0041\"]", "[\"a\",]", "[\"a\" \"b\"]", "[1]", "[\"a\"] x",
                "[\"a\"", "[\"a", "[", "[\"a\tb\"]", "[[\"a\"]]", "[\"a\",1]", "[\"a\"]]", "[,\"a\"]")) {
            assertNull(JsonArray.simpleStrings(text, 0, text.length()), text);
        }
        assertInstanceOf(JsonArray.NotStrings.class, JsonArray.parse("[\"a\",1]", 0, 7));
        assertInstanceOf(JsonArray.NotJson.class, JsonArray.parse("[\"a\",]", 0, 6));
        assertEquals("a\"b", ((JsonArray.Strings) JsonArray.parse("[\"a\\\"b\"]", 0, 8)).elements().get(0).value());
    }

    /** Every '[' of every line of the corpus and the BuildKit cases, and random edits of them. */
    @Test
    void fastPathAgreesWithJacksonOnRealAndMutatedInput() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path root : List.of(SharedData.path("corpus", "real-world"), SharedData.path("conformance", "buildkit-parser"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    for (String line : SharedData.read(file).split("\n", -1)) {
                        for (int i = line.indexOf('['); i >= 0; i = line.indexOf('[', i + 1)) {
                            texts.add(line.substring(i));
                        }
                    }
                }
            }
        }
        Random random = new Random(42);
        int real = texts.size();
        String alphabet = "[]\",\\ \tu0a1{}:\n\r";
        for (int n = 0; n < real * 4; n++) {
            StringBuilder text = new StringBuilder(texts.get(random.nextInt(real)));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && text.length() > 1; e++) {
                int at = 1 + random.nextInt(text.length() - 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            texts.add(text.toString());
        }
        int fast = 0;
        for (String text : texts) {
            JsonArray.Strings simple = JsonArray.simpleStrings(text, 0, text.length());
            if (simple != null) {
                fast++;
                assertEquals(JsonArray.parseWithJackson(text, 0, text.length()), simple, text);
            }
        }
        System.out.printf("exec-form fast path: %d of %d texts (%d real, %d mutated) decoded without Jackson, all as Jackson does%n",
                fast, texts.size(), real, texts.size() - real);
        assertTrue(fast > real / 4, "the fast path should take most real exec forms: " + fast + " of " + real);
    }
}
