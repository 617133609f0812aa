package dev.dftools.sim.registry;

import dev.dftools.sim.store.ImageStore;
import dev.dftools.sim.store.StoreException;
import dev.dftools.sim.store.StoredImage;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Where a build's {@code FROM} image comes from: the local store first (the name as written, then
 * its normalised form such as {@code docker.io/library/busybox:latest}), else a pull, as the
 * {@link PullPolicy} says (podman's {@code --pull} values).
 */
public final class BaseImages {

    /** {@code --pull}: missing (default) pulls what the store lacks, always pulls, never does not. */
    public enum PullPolicy {
        MISSING, ALWAYS, NEVER;

        public static PullPolicy parse(String text) throws RegistryException {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RegistryException(RegistryException.Kind.BAD_REFERENCE,
                        "--pull must be missing, always or never, not " + text);
            }
        }
    }

    /** Why a base image could not be had; the message is one line. */
    public static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ImageStore store;
    private final PullPolicy policy;
    private final @Nullable Supplier<RegistryClient> client;
    private final Consumer<String> progress;

    public BaseImages(ImageStore store, PullPolicy policy, @Nullable Supplier<RegistryClient> client,
            Consumer<String> progress) {
        this.store = store;
        this.policy = client == null ? PullPolicy.NEVER : policy;
        this.client = client;
        this.progress = progress;
    }

    /** The store only, never a registry. */
    public static BaseImages localOnly(ImageStore store) {
        return new BaseImages(store, PullPolicy.NEVER, null, line -> { });
    }

    /** The image {@code from} names, for {@code platform} ({@code os/arch[/variant]}) when pulled. */
    /** What a user without registry access can do instead. */
    private static final String IMPORT_HINT = " (or add it with dfsim import ROOTFS NAME)";

    public StoredImage resolve(String from, String platform) throws UnavailableException {
        StoreException local = null;
        if (policy != PullPolicy.ALWAYS) {
            try {
                return store.image(from);
            } catch (StoreException e) {
                local = e;
            }
            try {
                String full = ImageRef.parse(from).toString();
                if (!full.equals(from)) {
                    return store.image(full);
                }
            } catch (RegistryException | StoreException e) {
                // not a valid reference or not there under its full name either: report the first miss
            }
            if (policy == PullPolicy.NEVER) {
                throw new UnavailableException("is not in the local store " + store.root()
                        + (client == null ? "" : " (--pull=never)") + ": " + local.getMessage() + IMPORT_HINT, local);
            }
        }
        try {
            return new Puller(client.get(), store, progress).pull(ImageRef.parse(from), Platform.parse(platform));
        } catch (RegistryException | StoreException e) {
            throw new UnavailableException((local != null ? "is not in the local store " + store.root()
                    + " and could not be pulled: " : "could not be pulled: ") + e.getMessage()
                    + IMPORT_HINT, e);
        }
    }
}
