package dev.dftools.sim.store;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A layer cache entry for one build step: when the step was first done ({@code created}, reused in
 * the history so that a fully cached rebuild gives the same image digest) and, for steps that make
 * a layer, that layer: its gzip blob {@code digest} (in the store's blobs), its uncompressed
 * {@code diffId} and sizes. Metadata-only steps have null digest and diffId.
 */
public record CachedLayer(@Nullable String created, @Nullable String digest, @Nullable String diffId, long size,
        long compressedSize) {
}
