package dev.dftools.lint.rules.run;

import dev.dftools.lint.Rule;
import java.util.List;

/**
 * Rules 3000-3499: package managers (pinning, cleanup in the same RUN, non-interactive flags).
 * DF30xx answer to hadolint's DL30xx of the same number; DF31xx are dflint's own.
 */
public final class PackageRules {

    public static final List<Rule> ALL = List.of(
            new AptGetUnpinned(),
            new AptListsNotRemoved(),
            new PipUnpinned(),
            new AptGetMissingYes(),
            new AptGetInstallRecommends(),
            new NpmUnpinned(),
            new ApkUnpinned(),
            new ApkMissingNoCache(),
            new AptInsteadOfAptGet(),
            new GemUnpinned(),
            new YumMissingYes(),
            new YumCacheNotCleaned(),
            new YumUnpinned(),
            new ZypperMissingNonInteractive(),
            new ZypperDistUpgrade(),
            new ZypperCacheNotCleaned(),
            new ZypperUnpinned(),
            new DnfMissingYes(),
            new DnfCacheNotCleaned(),
            new DnfUnpinned(),
            new PipCacheNotDisabled(),
            new YarnCacheNotCleaned(),
            new GoInstallUnpinned(),
            new NpmCacheNotCleaned(),
            new ApkVirtualNotDeleted(),
            new BuildDepsNotPurged()
    );

    private PackageRules() {
    }
}
