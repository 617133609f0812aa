package dev.dftools.sim.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.eclipse.jdt.annotation.Nullable;

/**
 * JSON as plain trees (maps, lists, strings, longs, doubles, booleans, null) on jackson-core's
 * streaming parser and generator. The store's documents are read and written on every build,
 * and jackson-databind's object mapper costs ~150 ms to set up and to introspect the records
 * at start-up; the streaming layer costs a few ms. Objects are written with their keys sorted.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTrees() {}

    /** The document's value; a malformed document is an {@link IOException}. */
    public static @Nullable Object parse(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JsonParseException(p, "empty document");
            }
            Object value = value(p, first);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one value in the document");
            }
            return value;
        }
    }

    private static @Nullable Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(p, e));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /** Compact JSON, object keys sorted. */
    public static byte[] write(@Nullable Object tree) {
        return write(tree, false);
    }

    /** JSON with object keys sorted, indented when {@code pretty} (for files people may read). */
    public static byte[] write(@Nullable Object tree, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, tree);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, @Nullable Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object e : l) {
                write(g, e);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON tree value: " + v.getClass().getName());
        }
    }

    // ---- reading trees into records: a wrong type is an IOException naming the field

    /** The object {@code v}, or an error naming {@code what}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(@Nullable Object v, String what) throws IOException {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IOException(what + ": expected an object");
    }

    public static @Nullable String string(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IOException(key + ": expected a string");
    }

    public static long number(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw new IOException(key + ": expected an integer");
    }

    public static boolean bool(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key);
        if (v == null || v instanceof Boolean) {
            return v != null && (Boolean) v;
        }
        throw new IOException(key + ": expected true or false");
    }

    /** A list of strings, or null when absent. */
    public static @Nullable List<String> strings(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw new IOException(key + ": expected an array");
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object e : l) {
            if (!(e instanceof String s)) {
                throw new IOException(key + ": expected an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** A list of objects ({@code []} when absent). */
    public static List<Map<String, Object>> objects(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IOException(key + ": expected an array");
        }
        List<Map<String, Object>> out = new ArrayList<>(l.size());
        for (Object e : l) {
            out.add(object(e, key));
        }
        return out;
    }

    /** A string-to-string map, or null when absent. */
    public static @Nullable Map<String, String> stringMap(Map<String, Object> o, String key) throws IOException {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(v, key).entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IOException(key + "." + e.getKey() + ": expected a string");
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** Puts {@code value} unless it is null. */
    public static void put(Map<String, Object> o, String key, @Nullable Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
