package dev.dftools.sim.plan;

import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One expanded {@code RUN --mount}.
 *
 * @param type      bind, cache, tmpfs or secret
 * @param options   every key=value as written (expanded), in order
 * @param fromStage index of the stage named by {@code from=}, or null (then {@code from=}, if given, names an image)
 */
public record Mount(String type, Map<String, String> options, @Nullable Integer fromStage) {

    public Mount {
        options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
}
