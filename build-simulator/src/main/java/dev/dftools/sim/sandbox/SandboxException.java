package dev.dftools.sim.sandbox;

/** A RUN step could not be set up or cleaned up; the message is meant for the user as is. */
public final class SandboxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
