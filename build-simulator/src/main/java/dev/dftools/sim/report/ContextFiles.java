package dev.dftools.sim.report;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.dftools.grammar.context.DockerIgnore;

/**
 * What the builder would receive from a build context: every file and directory not left out
 * by .dockerignore, by slash-separated path relative to the root. Symlinks are not followed
 * (the builder copies them as links), so nothing outside the context is read.
 */
public final class ContextFiles {

    private final Map<String, Long> files;
    private final Set<String> directories;

    private ContextFiles(Map<String, Long> files, Set<String> directories) {
        this.files = Collections.unmodifiableMap(files);
        this.directories = Collections.unmodifiableSet(directories);
    }

    public static ContextFiles scan(Path root, DockerIgnore ignore) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Set<String> dirs = new TreeSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String rel = relative(root, dir);
                if (rel.isEmpty()) {
                    return FileVisitResult.CONTINUE;
                }
                // a directory stays when an exception pattern may re-include something below it
                if (ignore.excludes(rel) && !ignore.hasExceptions()) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!ignore.excludes(rel)) {
                    dirs.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(root, file);
                if (!ignore.excludes(rel)) {
                    files.put(rel, attrs.isRegularFile() ? attrs.size() : 0L);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new ContextFiles(files, dirs);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    /** Regular files (and links, size 0) with their sizes. */
    public Map<String, Long> files() {
        return files;
    }

    public Set<String> directories() {
        return directories;
    }

    public boolean isDirectory(String path) {
        return path.equals(".") || directories.contains(path);
    }

    /** The files at or below {@code dir}. */
    public Map<String, Long> under(String dir) {
        if (dir.equals(".")) {
            return files;
        }
        Map<String, Long> result = new TreeMap<>();
        files.forEach((p, s) -> {
            if (p.startsWith(dir + "/")) {
                result.put(p, s);
            }
        });
        return result;
    }
}
