package dev.dftools.lint;

import dev.dftools.lint.config.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration of a fixture: its .dflint.yaml when it has one. */
final class FixtureConfig {

    private FixtureConfig() {
    }

    static LintConfig load(Path dir) {
        Path file = dir.resolve(".dflint.yaml");
        if (!Files.exists(file)) {
            return LintConfig.defaults();
        }
        try {
            return ConfigFile.read(file, LintConfig.defaults());
        } catch (ConfigFile.ConfigException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
