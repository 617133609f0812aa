package dev.dftools.grammar.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The JSON (exec) form of RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME: BuildKit decodes the text
 * with Go's strict encoding/json into a list and requires every element to be a string.
 * Jackson's streaming parser is as strict by default and reports where each element is.
 */
final class JsonArray {

    /** Made on first use: most Dockerfiles never need it (see simpleStrings). */
    private static final class Jackson {
        static final JsonFactory FACTORY = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_000).build())
                .build();
    }

    /** One decoded string with its char span [start, end) in the parsed text. */
    record Element(String value, int start, int end) {
    }

    /** The outcome: a valid array of strings, valid JSON with a non-string element, or not JSON. */
    sealed interface Result permits Strings, NotStrings, NotJson {
    }

    record Strings(List<Element> elements) implements Result {
    }

    record NotStrings() implements Result {
    }

    record NotJson() implements Result {
    }

    private JsonArray() {
    }

    /**
     * @param text the argument text, left-trimmed; JSON is only tried when it starts with '['
     * @param from where the text to parse starts; element offsets are relative to {@code text}
     */
    static Result parse(String text, int from, int to) {
        if (from >= to || text.charAt(from) != '[') {
            return new NotJson();
        }
        Strings simple = simpleStrings(text, from, to);
        return simple != null ? simple : parseWithJackson(text, from, to);
    }

    /**
     * The common exec form without Jackson: an array of strings that hold no escape and no control
     * character, so each value is its text between the quotes. Anything else (escapes, other values,
     * malformed input) returns null and goes to Jackson, which decides. Why: Jackson's parser class
     * initialises {@code BigDecimal}, which takes 10-60 ms on JDK 25, a quarter of a cold dflint run.
     */
    static @Nullable Strings simpleStrings(String text, int from, int to) {
        List<Element> elements = new ArrayList<>();
        int i = skipBlanks(text, from + 1, to);
        if (i < to && text.charAt(i) == ']') {
            return skipBlanks(text, i + 1, to) == to ? new Strings(List.of()) : null;
        }
        while (i < to && text.charAt(i) == '"') {
            int start = i++;
            while (i < to && text.charAt(i) != '"') {
                char c = text.charAt(i++);
                if (c == '\\' || c < 0x20) {
                    return null;
                }
            }
            if (i == to) {
                return null;
            }
            elements.add(new Element(text.substring(start + 1, i), start, i + 1));
            i = skipBlanks(text, i + 1, to);
            if (i < to && text.charAt(i) == ']') {
                return skipBlanks(text, i + 1, to) == to ? new Strings(List.copyOf(elements)) : null;
            }
            if (i == to || text.charAt(i) != ',') {
                return null;
            }
            i = skipBlanks(text, i + 1, to);
        }
        return null;
    }

    /** JSON's whitespace: space, tab, line feed, carriage return. */
    private static int skipBlanks(String text, int i, int to) {
        while (i < to) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    static Result parseWithJackson(String text, int from, int to) {
        List<Element> elements = new ArrayList<>();
        boolean allStrings = true;
        try (JsonParser parser = Jackson.FACTORY.createParser(text.toCharArray(), from, to - from)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return new NotJson();
            }
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return new NotJson();
                }
                switch (token) {
                    case START_ARRAY, START_OBJECT -> {
                        if (depth == 1) {
                            allStrings = false;
                        }
                        depth++;
                    }
                    case END_ARRAY, END_OBJECT -> depth--;
                    case VALUE_STRING -> {
                        if (depth == 1) {
                            int start = from + (int) parser.currentTokenLocation().getCharOffset();
                            String value = parser.getText();
                            int end = from + (int) parser.currentLocation().getCharOffset();
                            elements.add(new Element(value, start, end));
                        }
                    }
                    case FIELD_NAME -> {
                        // inside an object: nothing to record
                    }
                    default -> {
                        if (depth == 1) {
                            allStrings = false;
                        }
                    }
                }
            }
            if (parser.nextToken() != null) {
                return new NotJson();
            }
        } catch (IOException | RuntimeException e) {
            // Jackson reports malformed input as an exception: BuildKit then falls back to shell form
            return new NotJson();
        }
        return allStrings ? new Strings(List.copyOf(elements)) : new NotStrings();
    }
}
