package dev.dftools.lsp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings list the VS Code extension mirrors ({@code dfls-settings.json}) agrees with the
 * record and the parser, and every key is documented in docs/dfls.md.
 */
class SettingsCatalogTest {

    private static JsonArray catalog() throws IOException {
        try (InputStream in = DflsSettings.class.getResourceAsStream("/dfls-settings.json")) {
            assertNotNull(in, "dfls-settings.json resource");
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonArray();
        }
    }

    private static JsonObject nested(String key, JsonElement value) {
        JsonObject root = new JsonObject();
        JsonObject at = root;
        String[] parts = key.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonObject next = new JsonObject();
            at.add(parts[i], next);
            at = next;
        }
        at.add(parts[parts.length - 1], value);
        return root;
    }

    @Test
    void listsExactlyTheKeysTheParserReads() throws IOException {
        List<String> keys = new ArrayList<>();
        catalog().forEach(e -> keys.add(e.getAsJsonObject().get("key").getAsString()));
        assertEquals(DflsSettings.KEYS, keys);
        assertEquals(DflsSettings.class.getRecordComponents().length - 1 + FormatterSettings.class.getRecordComponents().length,
                keys.size(), "one key per record component (formatter expands to its own)");
    }

    @Test
    void listedDefaultsAreTheRecordsDefaults() throws IOException {
        JsonObject all = new JsonObject();
        for (JsonElement e : catalog()) {
            JsonObject entry = e.getAsJsonObject();
            all.add(entry.get("key").getAsString(), entry.get("default"));
        }
        assertEquals(DflsSettings.defaults(), SettingsParser.parse(all, w -> { throw new AssertionError(w); }));
    }

    @Test
    void everyListedKeyChangesTheParsedSettings() throws IOException {
        for (JsonElement e : catalog()) {
            JsonObject entry = e.getAsJsonObject();
            String key = entry.get("key").getAsString();
            JsonElement other = otherThanDefault(entry);
            DflsSettings parsed = SettingsParser.parse(nested(key, other), w -> { throw new AssertionError(w); });
            assertNotEquals(DflsSettings.defaults(), parsed, key + " is not read");
        }
    }

    @Test
    void docsListEveryKey() throws IOException {
        Path docs = Path.of("../docs/dfls.md");
        String text = Files.readString(docs);
        for (String key : DflsSettings.KEYS) {
            assertTrue(text.contains("`dfls." + key + "`"), "docs/dfls.md documents dfls." + key);
        }
    }

    private static JsonElement otherThanDefault(JsonObject entry) {
        JsonElement d = entry.get("default");
        return switch (entry.get("type").getAsString()) {
            case "boolean" -> new JsonPrimitive(!d.getAsBoolean());
            case "integer" -> new JsonPrimitive(d.getAsInt() + 1);
            case "string" -> entry.has("enum") ? entry.getAsJsonArray("enum").get(1) : new JsonPrimitive("x/y");
            case "array" -> {
                JsonArray a = new JsonArray();
                a.add("DF3009");
                yield a;
            }
            case "object" -> {
                JsonObject o = new JsonObject();
                o.addProperty("DF3009", "error");
                yield o;
            }
            default -> throw new AssertionError("unknown type in dfls-settings.json: " + entry);
        };
    }
}
