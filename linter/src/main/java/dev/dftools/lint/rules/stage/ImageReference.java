package dev.dftools.lint.rules.stage;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An image reference such as {@code registry.example.com:5000/team/app:1.2@sha256:…}, split into its
 * parts. {@link #parse} validates with the grammar of the distribution/reference library that Docker
 * and BuildKit use ({@code ParseNormalizedNamed}); {@link #split} only cuts the text into parts, for
 * rules that look at references BuildKit would reject anyway (e.g. a short digest still is a digest).
 *
 * @param registry the registry (domain, optional port) as written, or null when none is written
 *                 (then the image comes from Docker Hub)
 * @param path     the repository path as written, without registry, tag and digest (e.g. {@code debian},
 *                 {@code team/app}); no {@code library/} added
 * @param tag      the tag, or null
 * @param digest   the digest ({@code algorithm:hex}), or null
 */
public record ImageReference(@Nullable String registry, String path, @Nullable String tag, @Nullable String digest) {

    /** Docker Hub, the registry of references that name none. */
    public static final String DOCKER_HUB = "docker.io";
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    // The distribution/reference grammar (reference/regexp.go), rebuilt from its documentation.
    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final String DOMAIN_AND_PORT = "(?:" + DOMAIN_NAME + "|" + IPV6 + ")(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final Pattern REFERENCE = Pattern.compile(
            "(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
    private static final Pattern TAG_PATTERN = Pattern.compile(TAG);
    private static final Pattern HEX_64 = Pattern.compile("[a-f0-9]{64}");

    /** A reference that the distribution/reference grammar rejects; the message says why. */
    public static final class InvalidReferenceException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidReferenceException(String message) {
            super(message);
        }
    }

    /** The registry images are pulled from: Docker Hub when none is written. */
    public String domain() {
        if (registry == null || registry.equals(LEGACY_DOCKER_HUB)) {
            return DOCKER_HUB;
        }
        return registry;
    }

    /** The repository as Docker names it in full, e.g. {@code docker.io/library/debian}. */
    public String normalizedName() {
        String domain = domain();
        String repo = domain.equals(DOCKER_HUB) && path.indexOf('/') < 0 ? "library/" + path : path;
        return domain + "/" + repo;
    }

    public Optional<String> tagOptional() {
        return Optional.ofNullable(tag);
    }

    public Optional<String> digestOptional() {
        return Optional.ofNullable(digest);
    }

    /**
     * Cuts a reference into its parts without validating them: digest after {@code @}, registry
     * when the first path component looks like a domain (has a {@code .} or {@code :}, is
     * {@code localhost}, or has upper case — Docker's rule), tag after the last {@code :} of the rest.
     */
    public static ImageReference split(String reference) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash >= 0 && looksLikeDomain(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Like {@link #parse}, empty when the reference is not valid. */
    public static Optional<ImageReference> tryParse(String reference) {
        try {
            return Optional.of(parse(reference));
        } catch (InvalidReferenceException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses and validates a reference as Docker does for {@code FROM} ({@code ParseNormalizedNamed}):
     * a 64-hex string is refused, the repository must be lower case, every part must match the
     * grammar and a digest must be a known algorithm with a hex value of the right length.
     */
    public static ImageReference parse(String reference) throws InvalidReferenceException {
        if (reference.isEmpty()) {
            throw new InvalidReferenceException("repository name must have at least one component");
        }
        if (HEX_64.matcher(reference).matches()) {
            throw new InvalidReferenceException("invalid repository name (" + reference
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        ImageReference parts = split(reference);
        String remoteName = parts.path;
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw new InvalidReferenceException("repository name (" + remoteName + ") must be lowercase");
        }
        // Docker validates the name with its registry in front: docker.io/library/… when none is written.
        String withDomain = parts.registry != null ? reference
                : parts.normalizedName() + reference.substring(parts.path.length());
        Matcher m = REFERENCE.matcher(withDomain);
        if (!m.matches()) {
            if (REFERENCE.matcher(withDomain.toLowerCase(Locale.ROOT)).matches()) {
                throw new InvalidReferenceException("repository name must be lowercase");
            }
            throw new InvalidReferenceException("invalid reference format");
        }
        if (m.group(1).length() > NAME_TOTAL_LENGTH_MAX) {
            throw new InvalidReferenceException("repository name must not be more than "
                    + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        if (m.group(3) != null) {
            validateDigest(m.group(3));
        }
        return parts;
    }

    /** True when {@code tag} is a valid tag ({@code [\w][\w.-]{0,127}}). */
    public static boolean isValidTag(String tag) {
        return TAG_PATTERN.matcher(tag).matches();
    }

    private static boolean looksLikeDomain(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || !component.toLowerCase(Locale.ROOT).equals(component);
    }

    /** The algorithms Docker can verify, with the length of their hex value (go-digest). */
    private static void validateDigest(String digest) throws InvalidReferenceException {
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int length = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (length < 0) {
            throw new InvalidReferenceException("unsupported digest algorithm");
        }
        if (hex.length() != length) {
            throw new InvalidReferenceException("invalid checksum digest length");
        }
        if (!hex.matches("[a-f0-9]+")) {
            throw new InvalidReferenceException("invalid checksum digest format");
        }
    }

    @Override
    public String toString() {
        return (registry != null ? registry + "/" : "") + path + (tag != null ? ":" + tag : "")
                + (digest != null ? "@" + digest : "");
    }
}
