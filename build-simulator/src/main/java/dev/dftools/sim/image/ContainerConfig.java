package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The {@code config} object of an image config (Docker's field names; Shell and Healthcheck are
 * Docker extensions that podman and buildah keep too). Null fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerConfig(
        @JsonProperty("User") @Nullable String user,
        @JsonProperty("ExposedPorts") @Nullable Map<String, Map<String, Object>> exposedPorts,
        @JsonProperty("Env") @Nullable List<String> env,
        @JsonProperty("Entrypoint") @Nullable List<String> entrypoint,
        @JsonProperty("Cmd") @Nullable List<String> cmd,
        @JsonProperty("Volumes") @Nullable Map<String, Map<String, Object>> volumes,
        @JsonProperty("WorkingDir") @Nullable String workingDir,
        @JsonProperty("Labels") @Nullable Map<String, String> labels,
        @JsonProperty("StopSignal") @Nullable String stopSignal,
        @JsonProperty("Shell") @Nullable List<String> shell,
        @JsonProperty("Healthcheck") @Nullable Healthcheck healthcheck,
        @JsonProperty("OnBuild") @Nullable List<String> onBuild) {

    public static final ContainerConfig EMPTY =
            new ContainerConfig(null, null, null, null, null, null, null, null, null, null, null, null);

    public ContainerConfig(@Nullable String user, @Nullable Map<String, Map<String, Object>> exposedPorts,
            @Nullable List<String> env, @Nullable List<String> entrypoint, @Nullable List<String> cmd,
            @Nullable Map<String, Map<String, Object>> volumes, @Nullable String workingDir,
            @Nullable Map<String, String> labels, @Nullable String stopSignal, @Nullable List<String> shell,
            @Nullable Healthcheck healthcheck) {
        this(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal, shell, healthcheck,
                null);
    }

    public ContainerConfig withEnv(List<String> newEnv) {
        return new ContainerConfig(user, exposedPorts, List.copyOf(newEnv), entrypoint, cmd, volumes, workingDir,
                labels, stopSignal, shell, healthcheck, onBuild);
    }

    public ContainerConfig withOnBuild(@Nullable List<String> triggers) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels, stopSignal,
                shell, healthcheck, triggers);
    }

    public ContainerConfig withCmd(@Nullable List<String> newCmd) {
        return new ContainerConfig(user, exposedPorts, env, entrypoint, newCmd, volumes, workingDir, labels,
                stopSignal, shell, healthcheck, onBuild);
    }
}
