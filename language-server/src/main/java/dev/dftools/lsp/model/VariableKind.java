package dev.dftools.lsp.model;

/** Where a build variable comes from. */
public enum VariableKind {
    /** An ARG before the first FROM: visible in FROM lines, and in a stage that re-declares it. */
    GLOBAL_ARG,
    /** An ARG inside a stage. */
    ARG,
    /** An ENV inside a stage (inherited by stages built FROM it). */
    ENV,
    /** A build arg BuildKit defines itself (TARGETPLATFORM, HTTP_PROXY, …). */
    PREDEFINED
}
