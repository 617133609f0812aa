package dev.dftools.lsp.server;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;

/**
 * Results that are sent again unchanged keep their JSON, so Gson does not walk the same objects on
 * every message:
 * <ul>
 * <li>the outline of a document version is built once and sent on every documentSymbol request
 * (editors ask after each edit and on focus): kept per symbol object (~10 ms at 2,000 lines). A
 * symbol must not change after it was first sent (DocumentSymbolProvider's results are only read);
 * <li>a keystroke re-publishes all of a file's diagnostics, most of them equal to the last ones
 * (900+ on the 2,000-line benchmark file): kept per equal diagnostic, as equal ones are written
 * alike.
 * </ul>
 */
final class ReusedJson implements TypeAdapterFactory {

    /** Old versions' objects are let go in bulk: a few versions of a 4,000-line file fit. */
    private static final int MAX_KEPT = 20_000;

    private final Map<DocumentSymbol, String> symbols = new IdentityHashMap<>();
    private final Map<Diagnostic, String> diagnostics = new HashMap<>();

    @Override
    public <T> @Nullable TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        if (type.getRawType() == DocumentSymbol.class) {
            return reusing(gson, DocumentSymbol.class, symbols);
        }
        if (type.getRawType() == Diagnostic.class) {
            return reusing(gson, Diagnostic.class, diagnostics);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <T, V> TypeAdapter<T> reusing(Gson gson, Class<V> type, Map<V, String> kept) {
        TypeAdapter<V> fresh = gson.getDelegateAdapter(this, TypeToken.get(type));
        return (TypeAdapter<T>) new TypeAdapter<V>() {
            @Override
            public void write(JsonWriter out, @Nullable V value) throws IOException {
                if (value == null) {
                    out.nullValue();
                    return;
                }
                out.jsonValue(jsonOf(value, out, fresh, kept));
            }

            @Override
            public V read(JsonReader in) throws IOException {
                return fresh.read(in);
            }
        };
    }

    private synchronized <V> String jsonOf(V value, JsonWriter out, TypeAdapter<V> fresh, Map<V, String> kept)
            throws IOException {
        String json = kept.get(value);
        if (json == null) {
            StringWriter text = new StringWriter();
            JsonWriter writer = new JsonWriter(text);
            writer.setSerializeNulls(out.getSerializeNulls());   // as the connection's writer would
            writer.setHtmlSafe(out.isHtmlSafe());
            fresh.write(writer, value);
            writer.flush();
            json = text.toString();
            if (kept.size() >= MAX_KEPT) {
                kept.clear();
            }
            kept.put(value, json);
        }
        return json;
    }
}
