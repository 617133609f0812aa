package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.LineIndex;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code RUN --mount=…} values BuildKit rejects: unknown keys and mount types, bad booleans,
 * sharing modes, modes and ids, keys that do not fit the mount type, and {@code from=} with a
 * variable. Fields whose value holds a variable are checked only where BuildKit checks them
 * before expansion ({@code from}); the rest depends on build args.
 */
@RuleInfo(code = "DF1013", slug = "invalid-mount", severity = Severity.ERROR,
        summary = "A RUN --mount value has an unknown key, type or invalid value; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class InvalidMount implements InstructionRule, StageLocal {

    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Set<String> SHARING = Set.of("shared", "private", "locked");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id", "sharing",
            "required", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw", "readwrite", "size", "env");

    /** One comma-separated field of the value, with its offsets in the value. */
    record Field(String text, int start, int end) {
    }

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run)) {
            return;
        }
        for (Flag flag : instruction.node().flags("mount")) {
            if (flag.value() != null && !flag.value().isEmpty()) {
                checkMount(flag, analysis.dockerfile().lines(), out);
            }
        }
    }

    private static void checkMount(Flag flag, LineIndex lines, Findings out) {
        String value = flag.value();
        List<Field> fields = split(value);
        if (fields == null) {
            out.report(range(flag, lines, 0, value.length()), "failed to parse csv mounts: bare \" in value");
            return;
        }
        String type = "bind";
        boolean hasFrom = false;
        boolean hasSharing = false;
        List<Field> fileInfo = new ArrayList<>();
        for (Field field : fields) {
            SourceRange where = range(flag, lines, field.start(), field.end());
            int eq = field.text().indexOf('=');
            String key = (eq < 0 ? field.text() : field.text().substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro", "readwrite", "rw" -> {
                    }
                    case "required" -> {
                        if (!type.equals("secret") && !type.equals("ssh")) {
                            out.report(where, "unexpected key 'required' for mount type '" + type + "'");
                        }
                    }
                    default -> out.report(where, "invalid field '" + field.text() + "' must be a key=value pair");
                }
                continue;
            }
            String val = field.text().substring(eq + 1);
            if (key.equals("from") && val.matches("(?s).*\\$.+")) {
                out.report(where, "'from' doesn't support variable expansion, define alias stage instead");
                continue;
            }
            if (val.contains("$")) {
                if (key.equals("type")) {
                    return; // the type decides what else is valid; unknown before the build
                }
                continue;
            }
            switch (key) {
                case "type" -> {
                    String t = val.toLowerCase(Locale.ROOT);
                    if (TYPES.contains(t)) {
                        type = t;
                    } else {
                        out.report(where, "unsupported mount type \"" + val + "\"" + suggest(val, TYPES));
                    }
                }
                case "from" -> hasFrom = true;
                case "source", "src", "target", "dst", "destination", "id", "env" -> {
                }
                case "readonly", "ro", "readwrite", "rw" -> {
                    if (GoValues.bool(val) == null) {
                        out.report(where, "invalid value for " + key + ": " + val);
                    }
                }
                case "required" -> {
                    if (!type.equals("secret") && !type.equals("ssh")) {
                        out.report(where, "unexpected key 'required' for mount type '" + type + "'");
                    } else if (GoValues.bool(val) == null) {
                        out.report(where, "invalid value for required: " + val);
                    }
                }
                case "size" -> {
                    if (!type.equals("tmpfs")) {
                        out.report(where, "unexpected key 'size' for mount type '" + type + "'");
                    } else if (!val.matches("(?i)\\d+(\\.\\d+)?\\s*([kmgtp]i?)?b?")) {
                        out.report(where, "invalid value for size: " + val);
                    }
                }
                case "sharing" -> {
                    hasSharing = true;
                    if (!SHARING.contains(val.toLowerCase(Locale.ROOT))) {
                        out.report(where, "unsupported sharing value \"" + val + "\"" + suggest(val, SHARING));
                    }
                }
                case "mode" -> {
                    fileInfo.add(field);
                    if (!val.matches("[0-7]+") || Long.parseLong(val, 8) > 0xFFFFFFFFL) {
                        out.report(where, "invalid value " + val + " for mode (octal, e.g. 0644)");
                    }
                }
                case "uid", "gid" -> {
                    fileInfo.add(field);
                    if (!val.matches("\\d{1,10}") || Long.parseLong(val) > 0xFFFFFFFFL) {
                        out.report(where, "invalid value " + val + " for " + key);
                    }
                }
                default -> out.report(where, "unexpected key '" + key + "' in '" + field.text() + "'"
                        + suggest(key, KEYS));
            }
        }
        if (!type.equals("secret") && !type.equals("ssh") && !type.equals("cache")) {
            for (Field field : fileInfo) {
                String key = field.text().substring(0, field.text().indexOf('=')).toLowerCase(Locale.ROOT);
                out.report(range(flag, lines, field.start(), field.end()),
                        key + " not allowed for \"" + type + "\" type mounts");
            }
        }
        SourceRange whole = range(flag, lines, 0, value.length());
        if (type.equals("secret") && hasFrom) {
            out.report(whole, "secret mount should not have a from");
        }
        if (hasSharing && !type.equals("cache")) {
            out.report(whole, "invalid cache sharing set for " + type + " mount");
        }
    }

    private static String suggest(String value, java.util.Collection<String> options) {
        return Suggestions.closest(value, options).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /**
     * Go's encoding/csv on one record: fields split at commas, a field may be double-quoted with
     * {@code ""} for a quote. Null when a quote is misplaced.
     */
    static List<Field> split(String value) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        while (true) {
            int start = i;
            StringBuilder text = new StringBuilder();
            if (i < value.length() && value.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= value.length()) {
                        return null;
                    }
                    char c = value.charAt(i);
                    if (c == '"') {
                        if (i + 1 < value.length() && value.charAt(i + 1) == '"') {
                            text.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.append(c);
                    i++;
                }
                if (i < value.length() && value.charAt(i) != ',') {
                    return null;
                }
            } else {
                while (i < value.length() && value.charAt(i) != ',') {
                    if (value.charAt(i) == '"') {
                        return null;
                    }
                    text.append(value.charAt(i));
                    i++;
                }
            }
            fields.add(new Field(text.toString(), start, i));
            if (i >= value.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** The source range of value[from, to): exact when the value sits in the source as written. */
    private static SourceRange range(Flag flag, LineIndex lines, int from, int to) {
        SourceRange valueRange = flag.valueRange();
        if (valueRange == null) {
            return flag.range();
        }
        if (valueRange.length() != flag.value().length() || valueRange.startLine() != valueRange.endLine()) {
            return valueRange; // quotes or continuations: offsets do not map one to one
        }
        int base = valueRange.start().offset();
        return lines.range(base + from, base + to);
    }
}
