package dev.dftools.lint;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * BuildKit's check configuration ({@code # check=skip=A,B;error=true;experimental=C}), as in the
 * {@code # check=} directive and the {@code BUILDKIT_DOCKERFILE_CHECK} build arg.
 *
 * @param valid false when BuildKit would refuse it ("failed to parse check options")
 */
public record CheckDirective(Set<String> skip, boolean error, Set<String> experimental, boolean valid) {

    public static CheckDirective parse(String value) {
        Set<String> skip = new LinkedHashSet<>();
        Set<String> experimental = new LinkedHashSet<>();
        boolean error = false;
        boolean valid = true;
        // only the first space-separated token is used, split into at most 3 parts
        String first = value.trim().split("\\s+", 2)[0];
        String[] parts = first.split(";", 3);
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                valid = false;
                continue;
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String val = part.substring(eq + 1).trim();
            switch (key) {
                case "skip" -> addAll(skip, val);
                case "experimental" -> addAll(experimental, val);
                case "error" -> {
                    Boolean b = parseBool(val);
                    if (b == null) {
                        valid = false;
                    } else {
                        error = b;
                    }
                }
                default -> valid = false;
            }
        }
        return new CheckDirective(Set.copyOf(skip), error, Set.copyOf(experimental), valid);
    }

    private static void addAll(Set<String> into, String list) {
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                into.add(name.trim());
            }
        }
    }

    /** Go's strconv.ParseBool. */
    private static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }
}
