package dev.dftools.sim.sandbox;

import java.nio.file.Path;

import org.eclipse.jdt.annotation.Nullable;

/**
 * An extra mount of one RUN ({@code RUN --mount}, a heredoc script): a host path bound at
 * {@code target}, or a fresh tmpfs. The sandbox creates a missing mount point and leaves it, and any
 * parent dir it had to create, out of the upper dir, so what the mount contributes never reaches the layer.
 *
 * @param type     bind or tmpfs
 * @param source   the host file or directory for a bind, null for tmpfs
 * @param target   absolute path in the image, no {@code ..}
 * @param readOnly bind read-only
 * @param options  extra tmpfs options such as {@code size=64m}, or ""
 */
public record RunMount(Type type, @Nullable Path source, String target, boolean readOnly, String options) {

    public enum Type { BIND, TMPFS }

    public RunMount {
        if (!target.startsWith("/") || target.indexOf('\0') >= 0 || target.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a mount target must be an absolute path: " + target);
        }
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("a mount target cannot contain '..': " + target);
            }
        }
        if ((type == Type.BIND) != (source != null)) {
            throw new IllegalArgumentException("a bind mount needs a source, a tmpfs none");
        }
        if (!options.matches("[A-Za-z0-9=,._-]*")) {
            throw new IllegalArgumentException("invalid mount options: " + options);
        }
    }

    public static RunMount bind(Path source, String target, boolean readOnly) {
        return new RunMount(Type.BIND, source, target, readOnly, "");
    }

    public static RunMount tmpfs(String target, String options) {
        return new RunMount(Type.TMPFS, null, target, false, options);
    }
}
