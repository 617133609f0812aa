package dev.dftools.lsp.server;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;
import org.eclipse.lsp4j.DocumentSymbol;

/**
 * The outline of a document version is built once and sent on every documentSymbol request (editors
 * ask after each edit and on focus): its JSON is kept per symbol object, so Gson walks the few
 * thousand objects of a big file once, not on every request (~10 ms at 2,000 lines). A symbol must
 * not change after it was first sent (DocumentSymbolProvider's results are only read).
 */
final class ReusedJson implements TypeAdapterFactory {

    /** Old versions' symbols are let go in bulk: a few versions of a 4,000-line file fit. */
    private static final int MAX_KEPT = 20_000;

    private final Map<DocumentSymbol, String> json = new IdentityHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        if (type.getRawType() != DocumentSymbol.class) {
            return null;
        }
        TypeAdapter<DocumentSymbol> fresh = gson.getDelegateAdapter(this, TypeToken.get(DocumentSymbol.class));
        return (TypeAdapter<T>) new TypeAdapter<DocumentSymbol>() {
            @Override
            public void write(JsonWriter out, @Nullable DocumentSymbol symbol) throws IOException {
                if (symbol == null) {
                    out.nullValue();
                    return;
                }
                out.jsonValue(jsonOf(symbol, out, fresh));
            }

            @Override
            public DocumentSymbol read(JsonReader in) throws IOException {
                return fresh.read(in);
            }
        };
    }

    private synchronized String jsonOf(DocumentSymbol symbol, JsonWriter out, TypeAdapter<DocumentSymbol> fresh)
            throws IOException {
        String kept = json.get(symbol);
        if (kept == null) {
            StringWriter text = new StringWriter();
            JsonWriter writer = new JsonWriter(text);
            writer.setSerializeNulls(out.getSerializeNulls());   // as the connection's writer would
            writer.setHtmlSafe(out.isHtmlSafe());
            fresh.write(writer, symbol);
            writer.flush();
            kept = text.toString();
            if (json.size() >= MAX_KEPT) {
                json.clear();
            }
            json.put(symbol, kept);
        }
        return kept;
    }
}
