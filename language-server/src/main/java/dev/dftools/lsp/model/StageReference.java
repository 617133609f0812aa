package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.SourceRange;

/** A use of a stage name: {@code FROM name}, {@code COPY --from=name} or {@code RUN --mount=from=name}. */
public record StageReference(String name, SourceRange range, StageSymbol target, Kind kind) {

    public enum Kind { FROM, COPY_FROM, MOUNT_FROM }
}
