package dev.dftools.lint.rules.copy;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 4xxx: COPY/ADD and the build context. */
public final class CopyRules {

    public static final List<Rule> ALL = List.of(
            new AddInsteadOfCopy(),
            new CopyMultipleSourcesToFile(),
            new CopyRelativeWithoutWorkdir(),
            new CopyArchiveThenExtract(),
            new CopySourceOutsideContext(),
            new CopyContextBeforeInstall(),
            new CopySymlinkOutsideContext(),
            new CopySourceNotFound(),
            new CopyIgnoredFile(),
            new CopyWholeContextUnfiltered()
    );

    private CopyRules() {
    }
}
