package dev.dftools.sim.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import dev.dftools.grammar.context.GoPaths;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.eclipse.jdt.annotation.Nullable;

/**
 * ADD's auto-extraction of a local tar (plain, gzip, bzip2 or xz; recognised by content, not by
 * name, as Docker's archive.DecompressStream does). Like Docker's pkg/archive Untar: an entry name is
 * cleaned, so a leading {@code /} stays inside the destination, and a name or hard-link target that
 * climbs out of it ({@code ../}) fails the step ("breakout"). Entries below a symlink the archive
 * itself created are refused too, since dfsim unpacks on the host, not in a chroot. Owners and modes
 * come from the archive unless {@code --chown}/{@code --chmod} say otherwise; devices and fifos are skipped.
 */
final class ArchiveUnpacker {
    private ArchiveUnpacker() {
    }

    /** A readable tar, possibly compressed. */
    static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = open(file); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            return tar.getNextEntry() != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            String type = CompressorStreamFactory.detect(in);
            if (List.of(CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ)
                    .contains(type)) {
                return new BufferedInputStream(new CompressorStreamFactory(true).createCompressorInputStream(type, in));
            }
            return in;
        } catch (CompressorException e) {
            return in; // not compressed: maybe a plain tar
        }
    }

    /**
     * Unpacks into {@code dest} (created when missing); {@code owner} null keeps the archive's ids.
     * Throws IOException with the offending entry when an entry would leave {@code dest}.
     */
    static void unpack(Path archive, Path dest, int @Nullable [] owner, @Nullable Integer mode) throws IOException {
        Files.createDirectories(dest);
        List<Object[]> dirTimes = new ArrayList<>();
        try (InputStream in = open(archive); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String rel = inside(e.getName(), archive);
                if (rel.isEmpty()) {
                    continue; // the root itself
                }
                Path target = dest.resolve(rel);
                checkParents(dest, rel, archive);
                Files.createDirectories(target.getParent());
                int uid = owner != null ? owner[0] : (int) e.getLongUserId();
                int gid = owner != null ? owner[1] : (int) e.getLongGroupId();
                if (e.isDirectory()) {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        LayerExtractor.deleteRecursively(target);
                        Files.createDirectory(target);
                    }
                    attributes(target, uid, gid, mode != null ? mode : e.getMode() & 07777);
                    dirTimes.add(new Object[] {target, FileTime.from(e.getLastModifiedDate().toInstant())});
                    continue;
                }
                LayerExtractor.deleteRecursively(target);
                if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                } else if (e.isLink()) {
                    String linkRel = inside(e.getLinkName(), archive);
                    Path source = dest.resolve(linkRel);
                    checkParents(dest, linkRel, archive);
                    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException(archive.getFileName() + ": hard link " + e.getName() + " -> "
                                + e.getLinkName() + " names no earlier file of the archive");
                    }
                    Files.createLink(target, source);
                } else if (e.isFile()) {
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    attributes(target, uid, gid, mode != null ? mode : e.getMode() & 07777);
                    Files.setLastModifiedTime(target, FileTime.from(e.getLastModifiedDate().toInstant()));
                }
                // character/block devices and fifos are not created
            }
        }
        for (int i = dirTimes.size() - 1; i >= 0; i--) { // after their contents, which change them
            Files.setLastModifiedTime((Path) dirTimes.get(i)[0], (FileTime) dirTimes.get(i)[1]);
        }
    }

    /** The cleaned relative name; a name that climbs out of the destination is an error. */
    private static String inside(String name, Path archive) throws IOException {
        String cleaned = GoPaths.clean(name.replaceAll("^/+", ""));
        if (cleaned.equals("..") || cleaned.startsWith("../")) {
            throw new IOException(archive.getFileName() + ": entry \"" + name
                    + "\" is outside of the destination (refused, as Docker does)");
        }
        return cleaned.equals(".") ? "" : cleaned;
    }

    /** No parent of an entry may be a symlink: writing through it could leave the destination. */
    private static void checkParents(Path dest, String rel, Path archive) throws IOException {
        Path p = dest;
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            if (Files.isSymbolicLink(p)) {
                throw new IOException(archive.getFileName() + ": entry \"" + rel + "\" lies below the symlink "
                        + dest.relativize(p) + " (refused)");
            }
        }
    }

    private static void attributes(Path p, int uid, int gid, int mode) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:mode", mode);
    }
}
