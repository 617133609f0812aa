package dev.dftools.lint.rules.shell;

import dev.dftools.lint.Rule;
import java.util.List;

/** Rules 3500-3999: shell commands in RUN, layers, ShellCheck. */
public final class ShellRules {

    public static final List<Rule> ALL = List.of(
            new PointlessCommand(),
            new CdInsteadOfWorkdir(),
            new SudoInRun(),
            new UseraddWithoutNoLogInit(),
            new WgetWithoutProgress(),
            new WgetAndCurl(),
            new LnBinSh(),
            new PipefailMissing(),
            new ConsecutiveRuns(),
            new LayerBloat(),
            new RemovedInLaterLayer(),
            new AptUpdateAlone(),
            new DownloadedArchiveKept(),
            new ShellCheck()
    );

    private ShellRules() {
    }
}
