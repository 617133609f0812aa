package dev.dftools.sim.store;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One line of {@code dfsim history}, newest last: a history entry with its layer (diffId and
 * uncompressed size) or, for an empty layer, size 0 and no diffId.
 */
public record HistoryLine(@Nullable String created, String createdBy, @Nullable String comment, boolean emptyLayer,
        @Nullable String diffId, long size) {}
