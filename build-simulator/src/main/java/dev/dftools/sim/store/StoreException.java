package dev.dftools.sim.store;

/** The image store could not do what was asked; the message is one line for the user. */
public sealed class StoreException extends Exception permits CorruptBlobException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
