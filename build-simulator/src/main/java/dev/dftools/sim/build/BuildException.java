package dev.dftools.sim.build;

/**
 * A build that did not produce an image. {@code exitCode} is what {@code dfsim build} exits with:
 * 1 when a step failed (a RUN exited non-zero), 2 for bad input or an unusable environment.
 */
public final class BuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int STEP_FAILED = 1;
    public static final int INPUT = 2;

    private final int exitCode;

    public BuildException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BuildException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
