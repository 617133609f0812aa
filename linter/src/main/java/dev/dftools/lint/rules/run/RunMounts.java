package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --mount} flags of a RUN, read the way BuildKit reads them: a CSV list of
 * {@code key=value} fields ({@code type=cache,target=/var/cache/apt,sharing=locked}); the type
 * defaults to {@code bind}, the target may be spelled {@code target}, {@code dst} or
 * {@code destination}.
 */
final class RunMounts {

    /** One mount: its type (lower case) and target ("" when none is given). */
    record Mount(String type, String target) {

        /** A cache or tmpfs mount: what is written below its target never reaches the layer. */
        boolean keepsOutOfLayer() {
            return type.equals("cache") || type.equals("tmpfs");
        }
    }

    private RunMounts() {
    }

    static List<Mount> of(Instruction.Run run) {
        List<Mount> mounts = new ArrayList<>();
        for (Flag flag : run.node().flags("mount")) {
            if (flag.value() != null) {
                mounts.add(parse(flag.value()));
            }
        }
        return mounts;
    }

    static Mount parse(String value) {
        String type = "bind";
        String target = "";
        for (String field : csvFields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String val = eq < 0 ? "" : field.substring(eq + 1).trim();
            switch (key) {
                case "type" -> type = val.toLowerCase(Locale.ROOT);
                case "target", "dst", "destination" -> target = val;
                default -> {
                    // other keys (id, sharing, from, source, mode, ...) do not matter here
                }
            }
        }
        return new Mount(type, target);
    }

    /**
     * Whether the RUN has a cache or tmpfs mount whose target contains one of {@code fragments}
     * (e.g. {@code /var/cache/apk}, {@code .cache/pip}).
     */
    static boolean hasCacheMount(Instruction.Run run, String... fragments) {
        for (Mount mount : of(run)) {
            if (!mount.keepsOutOfLayer()) {
                continue;
            }
            for (String fragment : fragments) {
                if (mount.target().contains(fragment)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the RUN has a cache or tmpfs mount whose target starts with {@code prefix}. */
    static boolean hasCacheMountUnder(Instruction.Run run, String prefix) {
        for (Mount mount : of(run)) {
            if (mount.keepsOutOfLayer() && mount.target().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Splits a CSV record: commas separate fields except inside double quotes; quotes are removed. */
    static List<String> csvFields(String value) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"'); // "" inside quotes is one quote
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
