package dev.dftools.sim.plan;

import dev.dftools.grammar.ast.SourceRange;

import org.eclipse.jdt.annotation.Nullable;

/** A Dockerfile the planner cannot or will not build; the message names file:line:col. */
public final class PlanException extends Exception {

    private static final long serialVersionUID = 1L;

    public PlanException(String file, @Nullable SourceRange range, String message) {
        super(range == null ? file + ": " + message
                : file + ":" + range.startLine() + ":" + range.start().column() + ": " + message, null, false, false);
    }
}
