package dev.dftools.sim.build;

/**
 * A build that did not produce an image. {@code exitCode} is what {@code dfsim build} exits with:
 * 1 when a step failed (a RUN exited non-zero or timed out), 2 for bad input or an unusable environment,
 * 3 when the host could not do it (no space left on the device, an I/O error).
 */
public final class BuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int STEP_FAILED = 1;
    public static final int INPUT = 2;
    public static final int HOST = 3;

    private final int exitCode;

    public BuildException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public BuildException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * A failed file operation, {@code prefix} naming where (file:line: KEYWORD failed: ): a full disk is
     * said in plain words and exits {@link #HOST}; other errors keep their message and exit {@link #INPUT}.
     */
    public static BuildException ofFileError(String prefix, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                String where = t instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                        ? " (writing " + fs.getFile() + ")" : "";
                return new BuildException(HOST, prefix + "no space left on device" + where, e);
            }
        }
        return new BuildException(INPUT, prefix + e.getMessage(), e);
    }

    public int exitCode() {
        return exitCode;
    }
}
