package dev.dftools.sim.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.sandbox.Rootless;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a layer tar (plain or gzipped) into a directory usable as an overlayfs lower dir:
 * {@code .wh.NAME} becomes a 0/0 character device, {@code .wh..wh..opq} the
 * {@code trusted.overlay.opaque} xattr. Entries with an absolute name or a {@code ..} component,
 * and entries below a symlink, are refused; nothing is written outside the target dir.
 */
public final class LayerExtractor {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private LayerExtractor() {}

    public static void extract(Path tarFile, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> dirs = new ArrayList<>();
        List<FileTime> dirTimes = new ArrayList<>();
        try (InputStream raw = TarFiles.open(tarFile); TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = safeName(e.getName());
                if (name.isEmpty()) {
                    continue; // "./": the root keeps the target dir's attributes
                }
                Path p = target.resolve(name);
                checkParents(target, name);
                String base = p.getFileName().toString();
                if (base.equals(".wh..wh..opq")) {
                    Files.createDirectories(p.getParent());
                    // sim-safety: user.overlay.opaque in a rootless build (overlay mounted with userxattr)
                    run("setfattr", "-n", Rootless.opaqueXattr(), "-v", "y", p.getParent().toString());
                    continue;
                }
                if (base.startsWith(".wh.")) {
                    Path hidden = p.resolveSibling(base.substring(4));
                    Files.createDirectories(p.getParent());
                    deleteRecursively(hidden);
                    run("mknod", hidden.toString(), "c", "0", "0");
                    continue;
                }
                if (e.isDirectory()) {
                    if (!Files.isDirectory(p, NOFOLLOW)) {
                        deleteRecursively(p);
                        Files.createDirectories(p);
                    }
                    owner(p, e);
                    Files.setAttribute(p, "unix:mode", e.getMode() & 07777);
                    dirs.add(p);
                    dirTimes.add(FileTime.from(e.getModTime().toInstant()));
                    continue;
                }
                Files.createDirectories(p.getParent());
                deleteRecursively(p);
                if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                    owner(p, e);
                    continue;
                } else if (e.isLink()) {
                    String linkTarget = safeName(e.getLinkName());
                    checkParents(target, linkTarget);
                    Files.createLink(p, target.resolve(linkTarget));
                    continue;
                }
                // commons-compress's isFile() is also true for devices and FIFOs: test them first
                boolean special = e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO();
                if (e.isCharacterDevice() || e.isBlockDevice()) {
                    run("mknod", p.toString(), e.isCharacterDevice() ? "c" : "b",
                            Integer.toString(e.getDevMajor()), Integer.toString(e.getDevMinor()));
                } else if (e.isFIFO()) {
                    run("mkfifo", p.toString());
                } else if (e.isFile()) {
                    Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    continue; // other types (GNU sparse, volume headers) are not layer content
                }
                owner(p, e);
                Files.setAttribute(p, "unix:mode", e.getMode() & 07777);
                if (!special) {
                    Files.setLastModifiedTime(p, FileTime.from(e.getModTime().toInstant()));
                } else {
                    // Java sets times through an open descriptor: opening a FIFO blocks and a device
                    // (a debootstrapped /dev/ptmx) can refuse it. touch -h sets them by path.
                    run("touch", "-h", "-c", "-m", "-d", "@" + e.getModTime().toInstant().getEpochSecond(),
                            p.toString());
                }
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Files.setLastModifiedTime(dirs.get(i), dirTimes.get(i));
        }
    }

    /** The entry's relative name without "./" and trailing slashes; refuses absolute and ".." names. */
    static String safeName(String raw) throws IOException {
        String name = raw;
        if (name.startsWith("/")) {
            throw new IOException("refusing tar entry with an absolute name: " + raw);
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IOException("refusing tar entry with '..': " + raw);
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    /** No parent of the entry may be a symlink: writing through it could leave the target dir. */
    private static void checkParents(Path target, String name) throws IOException {
        Path p = target;
        String[] parts = name.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            p = p.resolve(parts[i]);
            if (Files.isSymbolicLink(p)) {
                throw new IOException("refusing tar entry below a symlink: " + name);
            }
        }
    }

    private static void owner(Path p, TarArchiveEntry e) throws IOException {
        Files.setAttribute(p, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
        Files.setAttribute(p, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        if (Files.isDirectory(p, NOFOLLOW)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteRecursively(c);
                }
            }
        }
        Files.delete(p);
    }

    private static void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
