package dev.dftools.sim.plan;

/** What a step leaves in the image, as BuildKit records it. */
public enum StepEffect {
    /** A filesystem change: a layer and a history entry (RUN, COPY, ADD, WORKDIR). */
    LAYER,
    /** Config only: a history entry with {@code empty_layer: true}. */
    METADATA,
    /** Nothing in the image (ARG only changes the build's variables). */
    NONE
}
