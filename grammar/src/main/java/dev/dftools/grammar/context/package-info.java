/**
 * The build context's own language: {@code .dockerignore} patterns (moby/patternmatcher semantics)
 * and Go's path and glob rules that COPY/ADD sources follow. Shared by the linter and the simulator.
 */
@NonNullByDefault
package dev.dftools.grammar.context;

import org.eclipse.jdt.annotation.NonNullByDefault;
