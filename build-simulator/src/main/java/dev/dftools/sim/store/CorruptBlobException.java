package dev.dftools.sim.store;

import dev.dftools.sim.layer.Digest;

/** A blob's content no longer matches its digest; the store refuses to use it. */
public final class CorruptBlobException extends StoreException {
    private static final long serialVersionUID = 1L;

    public CorruptBlobException(Digest expected, Digest actual, java.nio.file.Path file) {
        super("corrupt blob " + file + ": expected " + expected + " but its content is " + actual
                + " (remove the image and import or pull it again)");
    }
}
