package dev.dftools.lint.rules.shell;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 3500-3999: shell commands in RUN and layers. */
public final class ShellRules {

    public static final List<Rule> ALL = List.of(
    );

    private ShellRules() {
    }
}
