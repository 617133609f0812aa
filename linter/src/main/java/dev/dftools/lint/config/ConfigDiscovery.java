package dev.dftools.lint.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the configuration for a Dockerfile: {@code .dflint.yaml} (or {@code .yml}), else
 * {@code .hadolint.yaml}, in the file's folder and each parent up to the repository root (the
 * folder holding {@code .git}); then the user's {@code $XDG_CONFIG_HOME/dflint.yaml},
 * {@code ~/.config/dflint.yaml}, {@code $XDG_CONFIG_HOME/hadolint.yaml} or {@code ~/.hadolint.yaml}.
 */
public final class ConfigDiscovery {

    private static final List<String> NAMES = List.of(".dflint.yaml", ".dflint.yml", ".hadolint.yaml", ".hadolint.yml");

    private ConfigDiscovery() {
    }

    public static Optional<Path> find(Path startDir) {
        Path dir = startDir.toAbsolutePath().normalize();
        while (dir != null) {
            for (String name : NAMES) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            if (Files.exists(dir.resolve(".git"))) {
                break; // the repository root: do not pick up configuration from outside the project
            }
            dir = dir.getParent();
        }
        return userConfig();
    }

    private static Optional<Path> userConfig() {
        String home = System.getProperty("user.home");
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path xdgDir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        for (Path candidate : List.of(xdgDir.resolve("dflint.yaml"), xdgDir.resolve("hadolint.yaml"),
                Path.of(home, ".hadolint", "hadolint.yaml"), Path.of(home, ".hadolint.yaml"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
