package dev.dftools.sim.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What {@code dfsim build} reports; the JSON form is documented in docs/dfsim-report-schema.md.
 *
 * @param schemaVersion bumped on incompatible changes
 * @param dockerfile    the Dockerfile as given on the command line
 * @param target        the target stage's name or index
 * @param mode          {@code build} (executed) or {@code dry-run} (estimated)
 * @param image         the {@code -t} name, or null
 * @param layers        every step of the target stage's image, in order
 * @param totals        image-wide figures
 * @param advice        what to change, biggest saving first
 */
@JsonPropertyOrder({"schemaVersion", "dockerfile", "target", "mode", "image", "layers", "totals", "advice"})
public record BuildReport(int schemaVersion, String dockerfile, String target, String mode,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String image, List<LayerReport> layers, Totals totals,
        List<Advice> advice) {

    public static final int SCHEMA_VERSION = 1;

    public BuildReport {
        layers = List.copyOf(layers);
        advice = List.copyOf(advice);
    }
}
