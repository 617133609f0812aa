package dev.dftools.grammar.context;

/**
 * Go's {@code path/filepath} functions on Unix, which the build tools use on paths and ignore
 * patterns; the exact results matter (a pattern is cleaned before it is matched).
 */
public final class GoPaths {

    private GoPaths() {
    }

    /** Go's {@code filepath.Clean}: the shortest equivalent path, lexically. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        String[] parts = path.split("/", -1);
        String[] out = new String[parts.length];
        int n = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (n > 0 && !out[n - 1].equals("..")) {
                    n--;
                } else if (!rooted) {
                    out[n++] = part;
                }
                // "/.." is "/": nothing above the root
                continue;
            }
            out[n++] = part;
        }
        String joined = String.join("/", java.util.Arrays.copyOf(out, n));
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's {@code filepath.Dir}: everything up to the last separator, cleaned. */
    public static String dir(String path) {
        int i = path.lastIndexOf('/');
        return clean(path.substring(0, i + 1));
    }

    /** Go's {@code filepath.Base}. */
    public static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * A COPY/ADD source as the builder resolves it inside the context: cleaned against the
     * context root, so {@code ./a}, {@code /a} and {@code ../a} all become {@code a}; the root
     * itself is {@code .}.
     */
    public static String inContext(String source) {
        String rooted = clean("/" + source);
        return rooted.equals("/") ? "." : rooted.substring(1);
    }

    /** True when a relative path climbs above where it starts once cleaned ({@code a/../../b}). */
    public static boolean escapes(String relativePath) {
        String cleaned = clean(relativePath);
        return cleaned.equals("..") || cleaned.startsWith("../");
    }

    /** Characters that make a path a pattern for the builder (BuildKit's containsWildcards). */
    public static boolean containsWildcards(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }
}
