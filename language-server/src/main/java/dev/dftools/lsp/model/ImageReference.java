package dev.dftools.lsp.model;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An image reference split the way docker does: {@code [registry/]repository[:tag][@digest]}.
 * A first component with a {@code .} or {@code :} (or {@code localhost}) is the registry;
 * otherwise it is Docker Hub, where one-part names live under {@code library/}.
 *
 * @param repository the path on the registry, {@code library/} included for official Hub images
 */
public record ImageReference(String text, String registry, String repository, @Nullable String tag,
        @Nullable String digest) {

    public static final String DOCKER_HUB = "docker.io";

    /** Empty for {@code scratch}, for text with variables and for what cannot be an image name. */
    public static Optional<ImageReference> parse(String text) {
        if (text.isEmpty() || text.contains("$") || text.equalsIgnoreCase("scratch")
                || text.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'')) {
            return Optional.empty();
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return Optional.of(new ImageReference(text, registry, rest.toLowerCase(Locale.ROOT), tag, digest));
    }

    public boolean official() {
        return registry.equals(DOCKER_HUB) && repository.startsWith("library/");
    }

    /** The web page of the repository where a registry has a known pattern. */
    public Optional<String> webPage() {
        return switch (registry) {
            case DOCKER_HUB -> Optional.of(official()
                    ? "https://hub.docker.com/_/" + repository.substring("library/".length())
                    : "https://hub.docker.com/r/" + repository);
            case "ghcr.io" -> ghcr();
            case "quay.io" -> Optional.of("https://quay.io/repository/" + repository);
            case "mcr.microsoft.com" -> Optional.of("https://mcr.microsoft.com/artifact/mar/" + repository);
            case "gcr.io", "registry.k8s.io", "public.ecr.aws" -> Optional.of(
                    registry.equals("public.ecr.aws") ? "https://gallery.ecr.aws/" + repository
                            : "https://" + registry + "/" + repository);
            case "registry.gitlab.com" -> Optional.of("https://gitlab.com/" + repository + "/container_registry");
            default -> Optional.empty();
        };
    }

    /** ghcr.io sends a browser to the package page on GitHub. */
    private Optional<String> ghcr() {
        return repository.contains("/") ? Optional.of("https://ghcr.io/" + repository) : Optional.empty();
    }

    /** The short name people write: {@code alpine} rather than {@code docker.io/library/alpine}. */
    public String familiarName() {
        if (official()) {
            return repository.substring("library/".length());
        }
        return registry.equals(DOCKER_HUB) ? repository : registry + "/" + repository;
    }
}
