package dev.dftools.lint;

/** Needs the build context (files, .dockerignore); skipped when no context is known. */
public non-sealed interface ContextRule extends Rule {

    void check(Analysis analysis, BuildContext context, Findings out);
}
