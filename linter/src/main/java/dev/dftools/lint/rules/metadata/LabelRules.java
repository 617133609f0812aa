package dev.dftools.lint.rules.metadata;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 5000-5199: LABEL (keys, the label schema) and EXPOSE. */
public final class LabelRules {

    public static final List<Rule> ALL = List.of(
            new LabelKeyInvalid(),
            new LabelRequiredMissing(),
            new LabelNotInSchema(),
            new LabelEmpty(),
            new LabelNotUrl(),
            new LabelNotRfc3339(),
            new LabelNotSpdx(),
            new LabelNotGitHash(),
            new LabelNotSemver(),
            new LabelNotEmail(),
            new ExposePortOutOfRange(),
            new ExposeProtoCasing(),
            new ExposeInvalidFormat(),
            new ExposeInvalidPort()
    );

    private LabelRules() {
    }
}
