package dev.dftools.sim.registry;

/** A registry operation failed; the message is one line for the user and {@link #kind()} says why. */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers (and tests) need not read the message. */
    public enum Kind {
        /** The reference or an option is malformed. */
        BAD_REFERENCE,
        /** The registry answered 404 for the manifest (unknown repository, tag or digest). */
        NOT_FOUND,
        /** Connection refused, unknown host, timeout, TLS failure. */
        UNREACHABLE,
        /** 401/403 after authenticating (or no usable credentials). */
        UNAUTHORIZED,
        /** Content did not match its digest (or the size it was announced with). */
        DIGEST_MISMATCH,
        /** The registry answered something dfsim cannot use (bad status, unsupported media type, no platform). */
        PROTOCOL,
        /** Credentials could not be read (bad auth file, missing credential helper). */
        CREDENTIALS
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
