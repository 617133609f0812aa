package dev.dftools.lint.rules.stage;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 2xxx: FROM and build stages. */
public final class StageRules {

    public static final List<Rule> ALL = List.of(
    );

    private StageRules() {
    }
}
