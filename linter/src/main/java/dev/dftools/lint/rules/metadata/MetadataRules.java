package dev.dftools.lint.rules.metadata;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 5200-5999: CMD, ENTRYPOINT, HEALTHCHECK, USER, WORKDIR, ENV, ARG, variables and secrets. */
public final class MetadataRules {

    public static final List<Rule> ALL = List.of(
    );

    private MetadataRules() {
    }
}
