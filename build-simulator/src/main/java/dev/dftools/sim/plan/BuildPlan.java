package dev.dftools.sim.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stages a build needs, in build order (dependencies first), the target last.
 *
 * @param stages     needed stages, each before the ones that read from it
 * @param globalArgs the ARGs declared before the first FROM, with their values
 */
public record BuildPlan(List<StagePlan> stages, Map<String, String> globalArgs) {

    public BuildPlan {
        stages = List.copyOf(stages);
        globalArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(globalArgs));
    }

    public StagePlan target() {
        return stages.get(stages.size() - 1);
    }

    /** Every step of every needed stage, in build order. */
    public List<Step> steps() {
        List<Step> all = new ArrayList<>();
        stages.forEach(s -> all.addAll(s.steps()));
        return all;
    }
}
