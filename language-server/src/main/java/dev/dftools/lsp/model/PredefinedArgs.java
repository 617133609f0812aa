package dev.dftools.lsp.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The build args BuildKit defines without an ARG, with a one-line description each. */
public final class PredefinedArgs {

    /** Platform args: visible in FROM lines, and in a stage after {@code ARG NAME}. */
    public static final Map<String, String> PLATFORM;
    /** Proxy args: passed to RUN without a declaration. */
    public static final Map<String, String> PROXY;

    static {
        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("TARGETPLATFORM", "platform of the build result, e.g. `linux/amd64`");
        platform.put("TARGETOS", "OS component of TARGETPLATFORM");
        platform.put("TARGETARCH", "architecture component of TARGETPLATFORM");
        platform.put("TARGETVARIANT", "variant component of TARGETPLATFORM");
        platform.put("BUILDPLATFORM", "platform of the node performing the build");
        platform.put("BUILDOS", "OS component of BUILDPLATFORM");
        platform.put("BUILDARCH", "architecture component of BUILDPLATFORM");
        platform.put("BUILDVARIANT", "variant component of BUILDPLATFORM");
        platform.put("TARGETSTAGE", "name of the stage being built (`--target`)");
        platform.put("BUILDKIT_SYNTAX", "frontend image to use, like `# syntax=`");
        platform.put("BUILDKIT_INLINE_CACHE", "write cache metadata into the image config");
        platform.put("BUILDKIT_MULTI_PLATFORM", "produce a multi-platform result deterministically");
        platform.put("BUILDKIT_SANDBOX_HOSTNAME", "hostname used in RUN containers");
        platform.put("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "keep the .git directory of a Git context");
        platform.put("SOURCE_DATE_EPOCH", "timestamp for reproducible builds");
        PLATFORM = Map.copyOf(platform);
        Map<String, String> proxy = new LinkedHashMap<>();
        for (String name : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"}) {
            proxy.put(name, "proxy setting passed to RUN without an ARG (not kept in the image history)");
            proxy.put(name.toLowerCase(java.util.Locale.ROOT),
                    "proxy setting passed to RUN without an ARG (not kept in the image history)");
        }
        PROXY = Map.copyOf(proxy);
    }

    private PredefinedArgs() {
    }

    public static boolean isPredefined(String name) {
        return PLATFORM.containsKey(name) || PROXY.containsKey(name);
    }

    public static String describe(String name) {
        String d = PLATFORM.get(name);
        return d != null ? d : PROXY.getOrDefault(name, "");
    }

    public static Set<String> names() {
        java.util.Set<String> all = new java.util.TreeSet<>(PLATFORM.keySet());
        all.addAll(PROXY.keySet());
        return all;
    }
}
