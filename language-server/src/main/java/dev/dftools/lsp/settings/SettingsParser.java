package dev.dftools.lsp.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Reads {@link DflsSettings} from what a client sends: the {@code dfls} section as nested objects
 * ({@code {"rules": {"ignored": [...]}}}), flat dotted keys ({@code {"rules.ignored": [...]}}), or an
 * object that has the {@code dfls} section inside (initializationOptions, didChangeConfiguration).
 * A missing or mistyped value keeps the default; each problem is reported once to {@code warn}.
 */
public final class SettingsParser {

    private SettingsParser() {
    }

    public static DflsSettings parse(@Nullable Object raw, Consumer<String> warn) {
        JsonObject root = section(raw);
        DflsSettings d = DflsSettings.defaults();
        if (root == null) {
            return d;
        }
        Reader r = new Reader(root, warn);
        FormatterSettings f = d.formatter();
        FormatterSettings formatter = new FormatterSettings(
                r.keywordCase("formatter.keywordCase", f.keywordCase()),
                r.integer("formatter.continuationIndent", f.continuationIndent()),
                r.bool("formatter.alignContinuations", f.alignContinuations()));
        return new DflsSettings(
                r.strings("rules.ignored", d.ignoredRules()),
                r.severities("rules.severity", d.ruleSeverities()),
                r.strings("rules.enabled", d.enabledRules()),
                r.bool("rules.useConfigFile", d.useConfigFile()),
                r.string("rules.docsBaseUrl", d.docsBaseUrl()),
                formatter,
                r.string("contextPath", d.contextPath()),
                r.bool("simulator.enabled", d.simulatorEnabled()),
                r.string("simulator.report", d.layerReport()),
                r.bool("shellcheck.enabled", d.shellcheckEnabled()));
    }

    /** The object holding the keys: the value itself, or its {@code dfls} member when it has one. */
    private static @Nullable JsonObject section(@Nullable Object raw) {
        JsonElement element = raw instanceof JsonElement e ? e : null;
        if (element == null || !element.isJsonObject()) {
            return null;
        }
        JsonObject object = element.getAsJsonObject();
        JsonElement inner = object.get(DflsSettings.SECTION);
        if (inner != null && inner.isJsonObject()) {
            return inner.getAsJsonObject();
        }
        if (object.has("settings") && object.get("settings").isJsonObject()) {
            return section(object.get("settings")); // didChangeConfiguration's {settings: {dfls: …}}
        }
        return object;
    }

    private record Reader(JsonObject root, Consumer<String> warn) {

        @Nullable JsonElement get(String key) {
            JsonElement flat = root.get(key);
            if (flat != null && !flat.isJsonNull()) {
                return flat;
            }
            JsonElement node = root;
            for (String part : key.split("\\.")) {
                if (node == null || !node.isJsonObject()) {
                    return null;
                }
                node = node.getAsJsonObject().get(part);
            }
            return node == null || node.isJsonNull() ? null : node;
        }

        boolean bool(String key, boolean fallback) {
            JsonElement e = get(key);
            if (e == null) {
                return fallback;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return e.getAsBoolean();
            }
            return bad(key, "true or false", fallback);
        }

        int integer(String key, int fallback) {
            JsonElement e = get(key);
            if (e == null) {
                return fallback;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsInt();
            }
            return bad(key, "a number", fallback);
        }

        String string(String key, String fallback) {
            JsonElement e = get(key);
            if (e == null) {
                return fallback;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString().trim();
            }
            return bad(key, "a string", fallback);
        }

        List<String> strings(String key, List<String> fallback) {
            JsonElement e = get(key);
            if (e == null) {
                return fallback;
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return List.of(e.getAsString().trim());
            }
            if (!e.isJsonArray()) {
                return bad(key, "a list of rule codes", fallback);
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString() && !item.getAsString().isBlank()) {
                    out.add(item.getAsString().trim());
                }
            }
            return out;
        }

        Map<String, String> severities(String key, Map<String, String> fallback) {
            JsonElement e = get(key);
            if (e == null) {
                return fallback;
            }
            if (!e.isJsonObject()) {
                return bad(key, "an object of rule → error|warning|info|style", fallback);
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                JsonElement v = entry.getValue();
                String level = v.isJsonPrimitive() ? v.getAsString().trim().toLowerCase(Locale.ROOT) : "";
                if (List.of("error", "warning", "info", "style", "off").contains(level)) {
                    out.put(entry.getKey(), level);
                } else {
                    warn.accept("setting dfls." + key + "." + entry.getKey() + ": use error, warning, info, style or off");
                }
            }
            return out;
        }

        FormatterSettings.KeywordCase keywordCase(String key, FormatterSettings.KeywordCase fallback) {
            String value = string(key, fallback.key());
            for (FormatterSettings.KeywordCase c : FormatterSettings.KeywordCase.values()) {
                if (c.key().equalsIgnoreCase(value)) {
                    return c;
                }
            }
            return bad(key, "upper, lower or preserve", fallback);
        }

        private <T> T bad(String key, String expected, T fallback) {
            JsonElement e = get(key);
            warn.accept("setting dfls." + key + " = " + (e instanceof JsonPrimitive p ? p.toString() : String.valueOf(e))
                    + " ignored: expected " + expected);
            return fallback;
        }
    }
}
