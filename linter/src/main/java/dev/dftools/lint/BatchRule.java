package dev.dftools.lint;

import java.util.List;

/**
 * A rule whose work is much cheaper for many files at once (ShellCheck: one process for a whole
 * run instead of one per Dockerfile). Before the files are checked, the engine hands it every
 * file it will check; the rule stores its results in each file's {@link Analysis} with
 * {@link Analysis#putPrepared}, and its {@code check} uses them (or does the work itself for a file
 * that was not prepared).
 */
public interface BatchRule {

    void prepare(List<Analysis> analyses);
}
