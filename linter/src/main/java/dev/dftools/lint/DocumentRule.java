package dev.dftools.lint;

/** Looks at the whole Dockerfile (e.g. relations between stages); state only in local variables. */
public non-sealed interface DocumentRule extends Rule {

    void check(Analysis analysis, Findings out);
}
