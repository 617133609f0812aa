package dev.dftools.sim.layer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns a directory into layer tar entries the way containers/storage does: depth-first in
 * byte-wise name order (Go's filepath.Walk), directories with a trailing {@code /}, hard links
 * after their first occurrence, and, for an overlay upper dir, whiteouts (0/0 char devices) as
 * {@code .wh.NAME} and opaque directories as {@code DIR/.wh..wh..opq}. Overlay xattrs are never
 * written (no xattrs are). Sockets are skipped like docker does.
 */
public final class DirectoryLayer implements LayerSink.Body {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final OverlayView view;
    private final List<Path> lowers;
    private final Set<String> excluded;
    private final OwnerMap owners;
    private final Map<Object, String> firstLink = new HashMap<>();

    /**
     * @param root the upper dir (or plain rootfs dir)
     * @param view overlay markers; {@link OverlayView#NONE} for a plain directory
     * @param lowers the lower layers' dirs, topmost first: an opaque dir gets its marker only when
     *     it shadows a directory there (overlayfs also marks new dirs renamed into place)
     * @param excluded relative paths (no leading or trailing slash) left out with everything below
     *     them, e.g. the mount-point stubs the sandbox created
     */
    public DirectoryLayer(Path root, OverlayView view, List<Path> lowers, Set<String> excluded) {
        this(root, view, lowers, excluded, OwnerMap.identity());
    }

    /** As above, with host owners mapped to container owners (rootless sandboxes). */
    public DirectoryLayer(Path root, OverlayView view, List<Path> lowers, Set<String> excluded, OwnerMap owners) {
        this.owners = owners;
        this.root = root;
        this.view = view;
        this.lowers = List.copyOf(lowers);
        this.excluded = Set.copyOf(excluded);
    }

    /** A plain rootfs directory, as {@code docker import} of a directory would take it. */
    public static DirectoryLayer plain(Path root) {
        return new DirectoryLayer(root, OverlayView.NONE, List.of(), Set.of());
    }

    @Override
    public List<LayerFile> writeTo(GoTarWriter tar) throws IOException, LayerException {
        if (!Files.isDirectory(root, NOFOLLOW)) {
            throw new LayerException("not a directory: " + root);
        }
        List<LayerFile> files = new ArrayList<>();
        walk(root, "", tar, files);
        return files;
    }

    private void walk(Path dir, String prefix, GoTarWriter tar, List<LayerFile> files)
            throws IOException, LayerException {
        for (Path child : sortedChildren(dir)) {
            String rel = prefix + child.getFileName().toString();
            if (excluded.contains(rel)) {
                continue;
            }
            Map<String, Object> st = Files.readAttributes(child, "unix:*", NOFOLLOW);
            int mode = (Integer) st.get("mode");
            int fmt = mode & 0170000;
            long mtime = ((FileTime) st.get("lastModifiedTime")).toInstant().getEpochSecond();
            long uid = owners.uid().applyAsLong(((Number) st.get("uid")).longValue());
            long gid = owners.gid().applyAsLong(((Number) st.get("gid")).longValue());
            int perm = mode & 07777;
            if (fmt == 020000 && view.isWhiteout(child)) {
                String name = prefix + ".wh." + child.getFileName();
                tar.write(new TarEntry(name, EntryType.FILE, 0600, uid, gid, 0, mtime, "", 0, 0));
                files.add(new LayerFile(name, 0, LayerFile.Kind.WHITEOUT));
                continue;
            }
            switch (fmt) {
                case 040000 -> {
                    tar.write(new TarEntry(rel + "/", EntryType.DIRECTORY, mode, uid, gid, 0, mtime, "", 0, 0));
                    files.add(new LayerFile(rel, 0, LayerFile.Kind.DIRECTORY));
                    if (view.isOpaque(child) && shadowsLower(rel)) {
                        // docker's opaque header: dir permissions, owner, a zero mtime
                        String name = rel + "/.wh..wh..opq";
                        tar.write(new TarEntry(name, EntryType.FILE, perm & 0777, uid, gid, 0, 0, "", 0, 0));
                        files.add(new LayerFile(name, 0, LayerFile.Kind.OPAQUE));
                    }
                    walk(child, rel + "/", tar, files);
                }
                case 0100000 -> {
                    long size = (Long) st.get("size");
                    int nlink = (Integer) st.get("nlink");
                    Object key = nlink > 1 ? List.of(st.get("dev"), st.get("ino")) : null;
                    String target = key == null ? null : firstLink.get(key);
                    if (target != null) {
                        tar.write(new TarEntry(rel, EntryType.HARDLINK, mode, uid, gid, 0, mtime, target, 0, 0));
                        files.add(new LayerFile(rel, 0, LayerFile.Kind.HARDLINK));
                        continue;
                    }
                    if (key != null) {
                        firstLink.put(key, rel);
                    }
                    try (InputStream in = Files.newInputStream(child, NOFOLLOW)) {
                        tar.write(new TarEntry(rel, EntryType.FILE, mode, uid, gid, size, mtime, "", 0, 0), in);
                    }
                    files.add(new LayerFile(rel, size, LayerFile.Kind.FILE));
                }
                case 0120000 -> {
                    String target = Files.readSymbolicLink(child).toString();
                    tar.write(new TarEntry(rel, EntryType.SYMLINK, mode, uid, gid, 0, mtime, target, 0, 0));
                    files.add(new LayerFile(rel, 0, LayerFile.Kind.SYMLINK));
                }
                case 020000, 060000 -> {
                    long rdev = (Long) st.get("rdev");
                    EntryType type = fmt == 020000 ? EntryType.CHAR_DEVICE : EntryType.BLOCK_DEVICE;
                    tar.write(new TarEntry(rel, type, mode, uid, gid, 0, mtime, "", major(rdev), minor(rdev)));
                    files.add(new LayerFile(rel, 0, LayerFile.Kind.DEVICE));
                }
                case 010000 -> {
                    tar.write(new TarEntry(rel, EntryType.FIFO, mode, uid, gid, 0, mtime, "", 0, 0));
                    files.add(new LayerFile(rel, 0, LayerFile.Kind.FIFO));
                }
                default -> {
                    // sockets: docker and buildah leave them out
                }
            }
        }
    }

    /** Pitfall 1 of the reference: only an opaque dir that hides a lower directory needs the marker. */
    private boolean shadowsLower(String rel) throws IOException {
        for (Path lower : lowers) {
            Path p = lower.resolve(rel);
            if (Files.exists(p, NOFOLLOW)) {
                return Files.isDirectory(p, NOFOLLOW) && !view.isWhiteout(p);
            }
            for (Path parent = Path.of(rel).getParent(); parent != null; parent = parent.getParent()) {
                Path lp = lower.resolve(parent.toString());
                if (Files.exists(lp, NOFOLLOW) && (view.isWhiteout(lp) || !Files.isDirectory(lp, NOFOLLOW))) {
                    return false;
                }
            }
        }
        return false;
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Path[] children = s.toArray(Path[]::new);
            Arrays.sort(children, (a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b)));
            return List.of(children);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static byte[] bytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    // glibc's major()/minor() encoding of dev_t
    private static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    private static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
