package dev.dftools.sim.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.dftools.grammar.ast.Heredoc;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.grammar.context.GoPaths;
import dev.dftools.sim.layer.Digest;
import dev.dftools.sim.plan.CopySpec;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.sandbox.RootedPaths;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A stat-based stand-in for a context COPY/ADD's input digest, the way BuildKit's content cache
 * avoids re-reading unchanged files: sha256 of the spec, the owner and mode the files are placed
 * with, and the {@code lstat} (inode, device, size, mode, owner, mtime and ctime in ns, symlink
 * target) of every context entry the copy would place, walked with the same .dockerignore and
 * --exclude rules as the copy. The store maps a fingerprint to the input digest computed from
 * the copied files ({@code ImageStore#copyInputs}), so a rebuild whose sources have not changed
 * finds its cache key without copying or hashing them.
 *
 * <p>Why it is safe: every write to a file sets its ctime to the current time, and ctime cannot
 * be set by a user. A mapping is only recorded when the fingerprint was taken before the files
 * were copied and hashed and every entry's timestamps were {@link #SETTLED} older than that moment
 * (so a later write, even within the file system's timestamp granularity, gives a different
 * ctime: git's "racily clean" rule). Anything else (a source from another stage or image, a URL,
 * a fresh or future timestamp) falls back to copying and hashing.
 */
final class CopyFingerprint {
    /** Entries touched more recently than this before the fingerprint are not trusted. */
    static final Duration SETTLED = Duration.ofSeconds(2);

    /** The fingerprint, and whether it may be recorded (every entry's timestamps settled). */
    record Result(String value, boolean settled) {
    }

    private final MessageDigest md = Digest.sha256();
    private final Instant settledBefore;
    private boolean settled = true;

    private CopyFingerprint(Instant now) {
        this.settledBefore = now.minus(SETTLED);
    }

    /**
     * The fingerprint of a context COPY/ADD, or null when one cannot stand in for its contents
     * (sources from a stage, an image or a URL) or the sources do not resolve (the copy itself
     * then reports the error).
     */
    static @Nullable Result of(Builder.Request request, Step step, int[] owner, @Nullable Integer mode,
            DockerIgnore excludes, Instant now) throws IOException {
        CopySpec spec = step.copy();
        if (spec == null || !spec.fromContext()) {
            return null;
        }
        CopyFingerprint f = new CopyFingerprint(now);
        f.line("dfsim-copy-fingerprint 1");
        f.line("keyword " + step.keyword());
        f.line("spec " + spec);
        f.line("owner " + owner[0] + ":" + owner[1] + " mode " + mode);
        f.line("context " + request.context());
        boolean add = step.keyword().equals("ADD");
        for (String source : spec.sources()) {
            Heredoc heredoc = Builder.heredocSource(step, source);
            if (heredoc != null) {
                f.line("heredoc " + heredoc.name().length() + " " + heredoc.name());
                f.line("content " + Digest.of(heredoc.content().getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            if (source.contains("://") || source.startsWith("git@") || RootedPaths.climbsOut(source)) {
                return null;
            }
            List<Path> matches = Builder.contextMatches(request, GoPaths.clean("/" + source).substring(1));
            if (matches.isEmpty()) {
                return null;
            }
            f.line("source " + source.length() + " " + source);
            for (Path m : matches) {
                f.line("match " + m);
                if (add && ArchiveUnpacker.isArchive(m)) {
                    f.line("archive");
                    f.entry(m, "");
                    continue;
                }
                f.walk(m, Builder.contextSkip(request, excludes, m), "");
            }
        }
        return new Result(Digest.of(f.md).hex(), f.settled);
    }

    /** The entries the copy places, in its order ({@code Builder.place}/{@code copyTree}). */
    private void walk(Path path, Predicate<String> skip, String rel) throws IOException {
        boolean isDir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (!isDir && rel.isEmpty() && skip.test(rel)) {
            return;
        }
        entry(path, rel);
        if (!isDir) {
            return;
        }
        try (var s = Files.list(path)) {
            for (Path c : s.sorted().toList()) {
                String childRel = rel.isEmpty() ? c.getFileName().toString() : rel + "/" + c.getFileName();
                if (!skip.test(childRel)) {
                    walk(c, skip, childRel);
                }
            }
        }
    }

    private void entry(Path p, String rel) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:ino,dev,size,mode,uid,gid,lastModifiedTime,ctime",
                LinkOption.NOFOLLOW_LINKS);
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        FileTime ctime = (FileTime) a.get("ctime");
        line("entry " + rel.length() + " " + rel + " ino " + a.get("ino") + " dev " + a.get("dev") + " size "
                + a.get("size") + " mode " + Integer.toOctalString((Integer) a.get("mode")) + " owner " + a.get("uid")
                + ":" + a.get("gid") + " mtime " + nanos(mtime) + " ctime " + nanos(ctime));
        if (Files.isSymbolicLink(p)) {
            String target = Files.readSymbolicLink(p).toString();
            line("-> " + target.length() + " " + target);
        }
        if (!mtime.toInstant().isBefore(settledBefore) || !ctime.toInstant().isBefore(settledBefore)) {
            settled = false;
        }
    }

    private static String nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() + "." + i.getNano();
    }

    private void line(String s) {
        md.update((s + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
