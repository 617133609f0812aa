package dev.dftools.sim.registry;

import dev.dftools.sim.layer.Digest;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An image reference {@code [registry[:port]/]repo[:tag][@digest]} normalised as Docker does it:
 * no registry means {@code docker.io}, a one-component Docker Hub repository gets {@code library/},
 * and a reference with neither tag nor digest means {@code :latest}.
 *
 * <p>The linter has a richer {@code ImageReference} (dev.dftools.lint.rules.stage) for its rules,
 * but the build simulator may not depend on the linter; this one only does what pulling needs.
 *
 * @param registry   e.g. {@code docker.io}, {@code 127.0.0.1:5000}, {@code [::1]:5000}
 * @param repository e.g. {@code library/busybox}, {@code dfsim/busybox}
 * @param tag        the tag, or null when only a digest is given
 * @param digest     the manifest digest, or null
 */
public record ImageRef(String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    /** Where Docker Hub's registry API really lives. */
    private static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
            + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    public static ImageRef parse(String text) throws RegistryException {
        String rest = text.trim();
        if (rest.isEmpty()) {
            throw bad(text, "empty reference");
        }
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw bad(text, e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash >= 0 && looksLikeDomain(rest.substring(0, slash))) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            if (!DOMAIN.matcher(registry).matches()) {
                throw bad(text, "invalid registry " + registry);
            }
            if (registry.equals("index.docker.io")) {
                registry = DOCKER_HUB;
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw bad(text, "invalid tag " + tag);
            }
        }
        for (String component : rest.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw bad(text, component.toLowerCase(Locale.ROOT).equals(component) || component.isEmpty()
                        ? "invalid repository name " + rest : "repository name must be lowercase");
            }
        }
        if (registry.equals(DOCKER_HUB) && rest.indexOf('/') < 0) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageRef(registry, rest, tag, digest);
    }

    /** What the manifest URL names: the digest when there is one, else the tag. */
    public String reference() {
        return digest != null ? digest.toString() : tag == null ? "latest" : tag;
    }

    /** The host (and port) the API is called on. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** {@code registry/repository}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The same repository, at a digest (tag dropped). */
    public ImageRef withDigest(Digest d) {
        return new ImageRef(registry, repository, null, d);
    }

    /** The same repository, at a tag. */
    public ImageRef withTag(String t) {
        return new ImageRef(registry, repository, t, null);
    }

    /** The full normalised reference, e.g. {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** Docker's rule: the first component is a registry if it has a dot or a port, or is localhost. */
    private static boolean looksLikeDomain(String component) {
        return component.contains(".") || component.contains(":") || component.equals("localhost")
                || !component.toLowerCase(Locale.ROOT).equals(component);
    }

    private static RegistryException bad(String text, @Nullable String why) {
        return new RegistryException(RegistryException.Kind.BAD_REFERENCE,
                "invalid image reference '" + text + "': " + why);
    }
}
