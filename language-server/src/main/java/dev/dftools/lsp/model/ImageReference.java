package dev.dftools.lsp.model;

import java.util.Locale;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An image reference as the editor shows and links it: the linter's split
 * ({@link dev.dftools.lint.rules.stage.ImageReference#split}, Docker's rules for the registry,
 * tag and digest) normalised to a registry and a full repository path.
 *
 * @param repository the path on the registry, {@code library/} included for official Hub images
 */
public record ImageReference(String text, String registry, String repository, @Nullable String tag,
        @Nullable String digest) {

    public static final String DOCKER_HUB = dev.dftools.lint.rules.stage.ImageReference.DOCKER_HUB;

    /** Empty for {@code scratch}, for text with variables and for what cannot be an image name. */
    public static Optional<ImageReference> parse(String text) {
        if (text.isEmpty() || text.contains("$") || text.equalsIgnoreCase("scratch")
                || text.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'')) {
            return Optional.empty();
        }
        var parts = dev.dftools.lint.rules.stage.ImageReference.split(text);
        if (parts.path().isEmpty()) {
            return Optional.empty();
        }
        String registry = parts.domain();
        String repository = parts.normalizedName().substring(registry.length() + 1).toLowerCase(Locale.ROOT);
        return Optional.of(new ImageReference(text, registry, repository, parts.tag(), parts.digest()));
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

    /** The registry host's own address of the package (GitHub has no stable public package URL pattern for it). */
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
