package dev.dftools.sim.plan;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A stage the target needs.
 *
 * @param index     position of the stage in the Dockerfile
 * @param name      {@code AS name} (lower case) or null
 * @param line      line of its FROM
 * @param baseImage the expanded FROM image (a registry reference or {@code scratch}); null when based on a stage
 * @param baseStage index of the stage it is based on, or null
 * @param platform  the expanded {@code --platform}, or the build platform
 * @param steps     its instructions in order
 * @param dependsOn stages it reads from (base, COPY --from, RUN --mount from=)
 */
public record StagePlan(int index, @Nullable String name, int line, @Nullable String baseImage,
        @Nullable Integer baseStage, String platform, List<Step> steps, List<Integer> dependsOn) {

    public StagePlan {
        steps = List.copyOf(steps);
        dependsOn = List.copyOf(dependsOn);
    }

    /** The name to show: {@code AS name}, else the index as BuildKit's {@code --from} accepts it. */
    public String displayName() {
        return name != null ? name : Integer.toString(index);
    }
}
