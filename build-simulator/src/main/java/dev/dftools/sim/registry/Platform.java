package dev.dftools.sim.registry;

import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;

/** An image platform {@code os/architecture[/variant]}, as in {@code --platform linux/arm64/v8}. */
public record Platform(String os, String architecture, @Nullable String variant) {

    public static Platform parse(String text) throws RegistryException {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new RegistryException(RegistryException.Kind.BAD_REFERENCE,
                    "invalid platform '" + text + "': expected OS/ARCH[/VARIANT], e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * True when an index entry with these fields serves this platform. A missing variant on either
     * side matches (arm64 images are often published without {@code v8}).
     */
    public boolean matches(@Nullable String os2, @Nullable String arch2, @Nullable String variant2) {
        return os.equals(os2) && architecture.equals(arch2)
                && (variant == null || variant2 == null || variant.equals(variant2));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
