package dev.dftools.lint.rules.run;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 3000-3499: package managers (pinning, cleanup, non-interactive flags). */
public final class PackageRules {

    public static final List<Rule> ALL = List.of(
    );

    private PackageRules() {
    }
}
