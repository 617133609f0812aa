package dev.dftools.lint;

import java.nio.file.Path;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The build context a Dockerfile is built with: {@code docker build CONTEXT}.
 *
 * @param root       the context directory (absolute, normalised)
 * @param dockerfile the Dockerfile being built, when known (absolute, normalised); BuildKit reads
 *                   {@code <Dockerfile>.dockerignore} next to it in preference to the context's
 *                   {@code .dockerignore}
 */
public record BuildContext(Path root, @Nullable Path dockerfile) {

    public BuildContext {
        root = root.toAbsolutePath().normalize();
        dockerfile = dockerfile == null ? null : dockerfile.toAbsolutePath().normalize();
    }

    /** A context whose Dockerfile location is unknown. */
    public BuildContext(Path root) {
        this(root, null);
    }
}
