package dev.dftools.lint;

import java.nio.file.Path;

/** The configuration of a fixture: its .dflint.yaml when it has one. */
final class FixtureConfig {

    private FixtureConfig() {
    }

    static LintConfig load(Path dir) {
        return LintConfig.defaults();
    }
}
