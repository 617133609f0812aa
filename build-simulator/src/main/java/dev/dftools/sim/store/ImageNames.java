package dev.dftools.sim.store;

/** Image names as the store keys them: a missing tag means {@code latest}, like docker. */
public final class ImageNames {
    private ImageNames() {}

    public static String normalize(String name) throws StoreException {
        if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ')) {
            throw new StoreException("invalid image name: '" + name + "'");
        }
        int slash = name.lastIndexOf('/');
        boolean tagged = name.indexOf(':', slash + 1) >= 0 || name.contains("@");
        return tagged ? name : name + ":latest";
    }
}
