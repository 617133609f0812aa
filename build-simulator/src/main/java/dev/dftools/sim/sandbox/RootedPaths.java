package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths resolved as a process chrooted into {@code root} would see them: symlinks are followed, but an
 * absolute target starts again at {@code root} and {@code ..} stops there. This is how BuildKit resolves
 * a COPY source in the build context, so a context symlink that points outside (to {@code /etc} or
 * {@code ../..}) can never make dfsim read a host file.
 */
public final class RootedPaths {
    /** Linux's own limit (MAXSYMLINKS in namei). */
    private static final int MAX_LINKS = 40;

    private RootedPaths() {
    }

    /** {@code path} (relative to root, or absolute = relative to root) resolved inside {@code root}. */
    public static Path resolve(Path root, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>(parts(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links: " + path);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> targetParts = parts(target);
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    todo.addFirst(targetParts.get(i));
                }
                continue;
            }
            done.add(part);
        }
        return join(root, done);
    }

    /** Whether a relative path climbs above its root ({@code ../x}, {@code a/../../x}) when read lexically. */
    public static boolean climbsOut(String path) {
        if (path.startsWith("/")) {
            return false;
        }
        int depth = 0;
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    /** Whether a proper ancestor of {@code rel} under {@code root} is a symlink (reading it would leave root). */
    public static boolean throughSymlink(Path root, String rel) {
        List<String> parts = parts(rel);
        Path p = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            p = p.resolve(parts.get(i));
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                out.add(p);
            }
        }
        return out;
    }

    private static Path join(Path root, List<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
