package dev.dftools.lint.rules.stage;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 2xxx: FROM and build stages. */
public final class StageRules {

    public static final List<Rule> ALL = List.of(
            new UntaggedBaseImage(),
            new LatestTag(),
            new CopyFromUnknownStage(),
            new CopyFromOwnStage(),
            new DuplicateStageName(),
            new UntrustedRegistry(),
            new FromPlatformFlag(),
            new ReservedStageName(),
            new RedundantTargetPlatform(),
            new CopyWholeStage(),
            new StageNameCasing(),
            new FromAsCasing(),
            new UndefinedArgInFrom(),
            new ConstantPlatformFlag(),
            new InvalidDefaultArgInFrom(),
            new UnusedStage()
    );

    private StageRules() {
    }
}
