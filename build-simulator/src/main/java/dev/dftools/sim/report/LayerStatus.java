package dev.dftools.sim.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a layer's figures were obtained. */
public enum LayerStatus {
    /** The step was really run and its layer measured. */
    EXECUTED("executed"),
    /** Taken from the layer cache (the step was not run); figures are those of the cached layer. */
    CACHED("cached"),
    /** Sizes computed from the build context without running anything ({@code --dry-run}). */
    ESTIMATED("estimated"),
    /** Not run and not estimable statically (RUN, COPY --from in {@code --dry-run}). */
    NOT_EXECUTED("not-executed");

    private final String json;

    LayerStatus(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }
}
