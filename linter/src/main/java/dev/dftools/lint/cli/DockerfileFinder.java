package dev.dftools.lint.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds Dockerfiles under a directory: Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, … */
public final class DockerfileFinder {

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "target", "vendor", ".hg", ".svn");

    private DockerfileFinder() {
    }

    public static boolean isDockerfileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".md") || n.endsWith(".template") || n.endsWith(".go") || n.endsWith(".tmpl")) {
            return false;
        }
        return n.equals("dockerfile") || n.equals("containerfile") || n.startsWith("dockerfile.")
                || n.startsWith("dockerfile-") || n.startsWith("containerfile.") || n.endsWith(".dockerfile")
                || n.endsWith(".containerfile");
    }

    public static List<Path> find(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(dir) && SKIPPED_DIRS.contains(d.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isDockerfileName(file.getFileName().toString())) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable entries are not Dockerfiles we were asked about
            }
        });
        found.sort(null);
        return found;
    }
}
