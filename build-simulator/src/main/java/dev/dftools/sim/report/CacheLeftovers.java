package dev.dftools.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.dftools.sim.layer.LayerFile;

/**
 * Package-manager caches a RUN layer still holds, each mapped to the dflint rule that explains it
 * (by code: the build simulator does not depend on the linter). The bytes are the file sizes under
 * the cache directory in that layer, which the cleanup in the same RUN would save.
 */
public final class CacheLeftovers {

    /** One kind of leftover: where it lives, the rule, and what to add to the RUN. */
    private record Kind(Pattern path, String rule, String what, String fix) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(Pattern.compile("var/lib/apt/lists/.+"), "DF3009", "apt package lists",
                    "add `&& rm -rf /var/lib/apt/lists/*` to the RUN that runs apt-get update"),
            new Kind(Pattern.compile("var/cache/apk/.+"), "DF3019", "the apk index cache",
                    "use `apk add --no-cache` (or `rm -rf /var/cache/apk/*` in the same RUN)"),
            new Kind(Pattern.compile("(root|home/[^/]+)/\\.cache/pip/.+"), "DF3042", "pip's download cache",
                    "use `pip install --no-cache-dir` (or a cache mount: RUN --mount=type=cache,target=/root/.cache/pip)"),
            new Kind(Pattern.compile("var/cache/yum/.+"), "DF3032", "yum's cache",
                    "add `&& yum clean all && rm -rf /var/cache/yum` to the same RUN"),
            new Kind(Pattern.compile("var/cache/dnf/.+"), "DF3040", "dnf's cache",
                    "add `&& dnf clean all` to the same RUN"),
            new Kind(Pattern.compile("var/cache/zypp/.+"), "DF3036", "zypper's cache",
                    "add `&& zypper clean --all` to the same RUN"),
            new Kind(Pattern.compile("(usr/local/share|root|home/[^/]+)/\\.cache/yarn/.+"), "DF3060", "yarn's cache",
                    "add `&& yarn cache clean` to the same RUN"));

    /** Archives a RUN downloaded and left next to what it extracted. */
    private static final Pattern ARCHIVE = Pattern.compile(".*\\.(tar|tar\\.gz|tgz|tar\\.xz|txz|tar\\.bz2|tbz2|zip)$");
    private static final long ARCHIVE_MIN = 64 * 1024;

    private CacheLeftovers() {
    }

    /** A package manager's own archives (APKINDEX.tar.gz) belong to its cache, not to DF3512. */
    private static boolean inACache(String path) {
        return KINDS.stream().anyMatch(k -> k.path().matcher(path).matches());
    }

    /** What to change about one RUN layer's files, on {@code line}; empty when nothing is left over. */
    public static List<Advice> of(int line, List<LayerFile> files) {
        List<Advice> advice = new ArrayList<>();
        for (Kind k : KINDS) {
            long bytes = 0;
            int count = 0;
            for (LayerFile f : files) {
                if (f.kind() == LayerFile.Kind.FILE && k.path().matcher(f.path()).matches()) {
                    bytes += f.size();
                    count++;
                }
            }
            if (bytes > 0) {
                advice.add(new Advice(line, k.rule(), bytes, "the layer keeps " + k.what() + " (" + count
                        + (count == 1 ? " file, " : " files, ") + TableRenderer.bytes(bytes) + "): " + k.fix()));
            }
        }
        long addedOther = files.stream().filter(f -> f.kind() == LayerFile.Kind.FILE
                && !ARCHIVE.matcher(f.path()).matches()).count();
        for (LayerFile f : files) {
            if (f.kind() == LayerFile.Kind.FILE && f.size() >= ARCHIVE_MIN && ARCHIVE.matcher(f.path()).matches()
                    && addedOther > 0 && !inACache(f.path())) {
                advice.add(new Advice(line, "DF3512", f.size(), "the archive /" + f.path() + " ("
                        + TableRenderer.bytes(f.size()) + ") stays in the layer next to what was extracted: "
                        + "delete it in the same RUN (or stream it: curl ... | tar -x)"));
            }
        }
        return advice;
    }
}
