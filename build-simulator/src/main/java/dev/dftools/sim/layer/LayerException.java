package dev.dftools.sim.layer;

/** A layer could not be read or written; the message names the path. */
public final class LayerException extends Exception {
    private static final long serialVersionUID = 1L;

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }

    public LayerException(String message) {
        super(message);
    }
}
