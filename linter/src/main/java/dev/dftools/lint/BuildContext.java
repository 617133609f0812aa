package dev.dftools.lint;

import java.nio.file.Path;

/**
 * The build context a Dockerfile is built with: {@code docker build CONTEXT}.
 *
 * @param root the context directory (absolute, normalised)
 */
public record BuildContext(Path root) {

    public BuildContext {
        root = root.toAbsolutePath().normalize();
    }
}
