package dev.dftools.lint;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The build context a Dockerfile is built with: {@code docker build CONTEXT}.
 *
 * <p>Equal when root and Dockerfile are. An instance also remembers what the context rules read
 * from the disk (directory listings, the ignore file), so that many Dockerfiles linted with one
 * instance read each directory once: make a new instance when the files may have changed.
 */
public final class BuildContext {

    private final Path root;
    private final @Nullable Path dockerfile;
    private final ConcurrentHashMap<Object, Object> read = new ConcurrentHashMap<>();

    /**
     * @param root       the context directory (made absolute and normalised)
     * @param dockerfile the Dockerfile being built, when known (absolute, normalised); BuildKit reads
     *                   {@code <Dockerfile>.dockerignore} next to it in preference to the context's
     *                   {@code .dockerignore}
     */
    public BuildContext(Path root, @Nullable Path dockerfile) {
        this.root = root.toAbsolutePath().normalize();
        this.dockerfile = dockerfile == null ? null : dockerfile.toAbsolutePath().normalize();
    }

    /** A context whose Dockerfile location is unknown. */
    public BuildContext(Path root) {
        this(root, null);
    }

    public Path root() {
        return root;
    }

    public @Nullable Path dockerfile() {
        return dockerfile;
    }

    /** What {@code read} finds on the disk, read once per instance and key (like {@link Analysis#memo}). */
    public <T> T memo(Object key, Class<T> type, Function<BuildContext, T> read) {
        return type.cast(this.read.computeIfAbsent(key, k -> read.apply(this)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BuildContext c && c.root.equals(root) && Objects.equals(c.dockerfile, dockerfile);
    }

    @Override
    public int hashCode() {
        return root.hashCode() * 31 + Objects.hashCode(dockerfile);
    }

    @Override
    public String toString() {
        return "BuildContext[root=" + root + ", dockerfile=" + dockerfile + "]";
    }
}
