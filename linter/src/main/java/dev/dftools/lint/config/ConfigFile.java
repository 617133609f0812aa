package dev.dftools.lint.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code .dflint.yaml} and {@code .hadolint.yaml}: both use hadolint's keys ({@code ignored},
 * {@code override}, {@code trustedRegistries}, {@code label-schema}, {@code strict-labels},
 * {@code failure-threshold}, {@code no-fail}, {@code disable-ignore-pragma}); dflint adds
 * {@code enabled} (rules that are off by default).
 */
public final class ConfigFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A configuration file that cannot be used, with the one line to show. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message, null, false, false);
        }
    }

    private ConfigFile() {
    }

    public static LintConfig read(Path file, LintConfig base) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": not a valid YAML configuration: " + firstLine(e.getMessage()));
        }
        return parse(text, file.toString(), base);
    }

    /** A configuration's text on top of {@code base}; {@code name} (the file) starts each error message. */
    public static LintConfig parse(String text, String name, LintConfig base) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new ConfigException(name + ": not a valid YAML configuration: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return base;
        }
        if (!root.isObject()) {
            throw new ConfigException(name + ": the configuration must be a mapping of keys to values");
        }
        return apply(root, base, name);
    }

    static LintConfig apply(JsonNode root, LintConfig base, String name) throws ConfigException {
        Set<String> ignored = new LinkedHashSet<>(base.ignored());
        ignored.addAll(strings(root.get("ignored"), name, "ignored"));
        Map<String, Severity> overrides = new LinkedHashMap<>(base.overrides());
        JsonNode override = root.get("override");
        if (override != null && !override.isNull()) {
            if (!override.isObject()) {
                throw new ConfigException(name + ": 'override' must map error/warning/info/style to lists of rules");
            }
            var fields = override.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                Severity severity = Severity.parse(e.getKey()).orElseThrow(() -> new ConfigException(
                        name + ": unknown severity '" + e.getKey() + "' in 'override' (use error, warning, info, style)"));
                for (String code : strings(e.getValue(), name, "override." + e.getKey())) {
                    overrides.put(code, severity);
                }
            }
        }
        List<String> registries = new ArrayList<>(base.trustedRegistries());
        registries.addAll(strings(root.get("trustedRegistries"), name, "trustedRegistries"));
        Map<String, String> schema = new LinkedHashMap<>(base.labelSchema());
        JsonNode labels = root.get("label-schema");
        if (labels != null && !labels.isNull()) {
            if (!labels.isObject()) {
                throw new ConfigException(name + ": 'label-schema' must map label names to types");
            }
            labels.fields().forEachRemaining(e -> schema.put(e.getKey(), e.getValue().asText("")));
        }
        Set<String> enabled = new LinkedHashSet<>(base.enabled());
        enabled.addAll(strings(root.get("enabled"), name, "enabled"));
        Severity threshold = base.failureThreshold();
        JsonNode t = root.get("failure-threshold");
        if (t != null && !t.isNull()) {
            threshold = Severity.parse(t.asText()).orElseThrow(() -> new ConfigException(
                    name + ": unknown failure-threshold '" + t.asText() + "' (use error, warning, info, style)"));
        }
        return new LintConfig(ignored, overrides, registries, schema,
                bool(root, "strict-labels", base.strictLabels()), threshold, bool(root, "no-fail", base.noFail()),
                bool(root, "disable-ignore-pragma", base.disableIgnorePragma()), enabled);
    }

    private static boolean bool(JsonNode root, String key, boolean fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asBoolean(fallback);
    }

    /** A list of strings, or one string (hadolint's README allows both for some keys). */
    private static List<String> strings(JsonNode node, String name, String key) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isTextual()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            throw new ConfigException(name + ": '" + key + "' must be a list");
        }
        for (JsonNode n : node) {
            out.add(n.asText());
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
