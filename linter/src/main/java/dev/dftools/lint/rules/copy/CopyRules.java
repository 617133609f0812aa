package dev.dftools.lint.rules.copy;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 4xxx: COPY/ADD and the build context. */
public final class CopyRules {

    public static final List<Rule> ALL = List.of(
    );

    private CopyRules() {
    }
}
