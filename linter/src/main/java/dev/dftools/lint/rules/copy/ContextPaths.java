package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.lint.BuildContext;
import dev.dftools.grammar.context.GoGlob;
import dev.dftools.grammar.context.GoPaths;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jdt.annotation.Nullable;

/** Looking things up in a build context directory the way the builder resolves COPY sources. */
final class ContextPaths {

    /** Stop walking a context after this many entries: a linter must stay fast on huge trees. */
    static final int WALK_LIMIT = 20_000;

    private ContextPaths() {
    }

    /** What {@link #resolve(Path, String)} found for one source: the paths, or why the pattern is bad. */
    private record Resolved(List<String> paths, GoGlob.@Nullable BadPatternException bad) {
    }

    /**
     * {@link #resolve(Path, String)} in the context's root, looked up on the disk once per context
     * instance and source (an editor keeps one instance while the files stay the same).
     */
    static List<String> resolve(BuildContext context, String source) throws GoGlob.BadPatternException {
        Resolved r = context.memo(new ResolveKey(source), Resolved.class, c -> {
            try {
                return new Resolved(resolve(c.root(), source), null);
            } catch (GoGlob.BadPatternException e) {
                return new Resolved(List.of(), e);
            }
        });
        if (r.bad() != null) {
            throw r.bad();
        }
        return r.paths();
    }

    private record ResolveKey(String source) {
    }

    /**
     * The context paths (relative, slash-separated, {@code .} for the root) a source names: the
     * path itself when it exists, every match when it has wildcards ({@code filepath.Match} per
     * path component, as BuildKit resolves them). Empty when nothing matches.
     */
    static List<String> resolve(Path root, String source) throws GoGlob.BadPatternException {
        String path = GoPaths.inContext(source);
        if (path.equals(".")) {
            return List.of(".");
        }
        if (!GoPaths.containsWildcards(path)) {
            return exists(root.resolve(path)) ? List.of(path) : List.of();
        }
        List<String> found = new ArrayList<>();
        match(root, "", path.split("/"), 0, found);
        return found;
    }

    private static void match(Path root, String prefix, String[] parts, int index, List<String> found)
            throws GoGlob.BadPatternException {
        if (index == parts.length) {
            found.add(prefix);
            return;
        }
        String part = parts[index];
        Path dir = prefix.isEmpty() ? root : root.resolve(prefix);
        if (!GoPaths.containsWildcards(part)) {
            String literal = unescape(part);
            String next = prefix.isEmpty() ? literal : prefix + "/" + literal;
            if (exists(root.resolve(next))) {
                match(root, next, parts, index + 1, found);
            }
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            return;
        }
        names.sort(null);
        for (String name : names) {
            if (GoGlob.match(part, name)) {
                match(root, prefix.isEmpty() ? name : prefix + "/" + name, parts, index + 1, found);
            }
        }
    }

    private static String unescape(String part) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' && i + 1 < part.length()) {
                c = part.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** {@link #symlinkOutside(Path, String)} in the context's root, read once per context instance and path. */
    @SuppressWarnings("unchecked")
    static Optional<Escape> symlinkOutside(BuildContext context, String relative) {
        return context.memo(new SymlinkKey(relative), Optional.class, c -> symlinkOutside(c.root(), relative));
    }

    private record SymlinkKey(String relative) {
    }

    /**
     * The first symbolic link on the way from the root to {@code relative} (that link itself
     * included) whose target lies outside the context, with where it points.
     */
    static Optional<Escape> symlinkOutside(Path root, String relative) {
        Path current = root;
        if (relative.equals(".")) {
            return Optional.empty();
        }
        for (String part : relative.split("/")) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                Optional<Escape> escape = escape(root, current);
                if (escape.isPresent()) {
                    return escape;
                }
            }
        }
        return Optional.empty();
    }

    /** Where a link leads when that is outside the context (dangling links judged by their text). */
    static Optional<Escape> escape(Path root, Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            Path resolved = link.getParent().resolve(target).normalize();
            Path realRoot = root.toRealPath();
            boolean inside = Files.exists(resolved) ? resolved.toRealPath().startsWith(realRoot)
                    : resolved.startsWith(root) || resolved.startsWith(realRoot);
            if (!inside) {
                return Optional.of(new Escape(root.relativize(link).toString().replace('\\', '/'),
                        target.toString()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The context's ignore file; none (or one Docker would reject) counts as no patterns. */
    static DockerIgnore ignoreOrEmpty(BuildContext context) {
        return ignoreFile(context).file().orElse(DockerIgnore.empty());
    }

    /**
     * The context's ignore file as read once per context.
     *
     * @param file   absent when there is none, or it does not load
     * @param broken it does not load (unreadable, or a pattern Docker rejects: the build itself fails)
     */
    record IgnoreFile(Optional<DockerIgnore> file, boolean broken) {
    }

    static IgnoreFile ignoreFile(BuildContext context) {
        return context.memo(IgnoreFile.class, IgnoreFile.class, c -> {
            try {
                return new IgnoreFile(DockerIgnore.load(c.root(), c.dockerfile()), false);
            } catch (IOException | DockerIgnore.BadPatternException e) {
                return new IgnoreFile(Optional.empty(), true);
            }
        });
    }

    /** A link in the context that leads out of it. */
    record Escape(String link, String target) {
    }

    /**
     * Every entry under a directory of the context (relative paths), depth first, skipping what
     * {@code skip} rejects (its subtree too); at most {@link #WALK_LIMIT} entries. Each directory
     * is listed once per context instance, however many rules and Dockerfiles walk it.
     */
    static List<String> walk(BuildContext context, String dir, Predicate<String> skip) {
        List<String> result = new ArrayList<>();
        Path start = dir.equals(".") ? context.root() : context.root().resolve(dir);
        if (Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            walk(context, start, skip, result);
        }
        return result;
    }

    private static void walk(BuildContext context, Path dir, Predicate<String> skip, List<String> result) {
        for (Entry child : listing(context, dir).entries()) {
            if (result.size() >= WALK_LIMIT) {
                return;
            }
            String relative = child.relative();
            if (skip.test(relative)) {
                continue;
            }
            result.add(relative);
            if (child.directory()) {
                walk(context, child.path(), skip, result);
            }
        }
    }

    /** A directory's entries in name order; whether each is a directory, links not followed. */
    private record Listing(List<Entry> entries) {
    }

    /** {@code relative}: slash-separated, from the context root (computed once, walked many times). */
    private record Entry(Path path, String relative, boolean directory) {
    }

    /** The key under which a context remembers a directory's listing. */
    private record ListingOf(Path dir) {
    }

    private static Listing listing(BuildContext context, Path dir) {
        return context.memo(new ListingOf(dir), Listing.class, c -> {
            List<Path> children;
            try (Stream<Path> list = Files.list(dir)) {
                children = list.sorted().toList();
            } catch (IOException e) {
                return new Listing(List.of());
            }
            List<Entry> entries = new ArrayList<>();
            for (Path child : children) {
                entries.add(new Entry(child, c.root().relativize(child).toString().replace('\\', '/'),
                        Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)));
            }
            return new Listing(List.copyOf(entries));
        });
    }
}
