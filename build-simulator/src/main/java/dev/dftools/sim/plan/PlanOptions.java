package dev.dftools.sim.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jdt.annotation.Nullable;

/**
 * What the user asks for besides the Dockerfile.
 *
 * @param fileName  how errors name the Dockerfile
 * @param buildArgs {@code --build-arg} values, in the order given
 * @param target    the {@code --target} stage, or null for the last stage
 * @param platform  the build and target platform, e.g. {@code linux/amd64}
 * @param onBuild   the ONBUILD triggers of a base image by name (empty when it has none or is unknown);
 *                  they run first in a stage built FROM that image, as in Docker
 */
public record PlanOptions(String fileName, Map<String, String> buildArgs, @Nullable String target, String platform,
        Function<String, List<String>> onBuild) {

    public PlanOptions {
        buildArgs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        onBuild = onBuild == null ? image -> List.of() : onBuild;
    }

    public PlanOptions(String fileName, Map<String, String> buildArgs, @Nullable String target, String platform) {
        this(fileName, buildArgs, target, platform, null);
    }

    /** The same options, looking up base images' ONBUILD triggers with {@code lookup}. */
    public PlanOptions withOnBuild(Function<String, List<String>> lookup) {
        return new PlanOptions(fileName, buildArgs, target, platform, lookup);
    }

    public static PlanOptions defaults(String fileName) {
        return new PlanOptions(fileName, Map.of(), null, hostPlatform());
    }

    public PlanOptions withBuildArgs(Map<String, String> args) {
        return new PlanOptions(fileName, args, target, platform, onBuild);
    }

    public PlanOptions withTarget(@Nullable String stage) {
        return new PlanOptions(fileName, buildArgs, stage, platform, onBuild);
    }

    /** The host's platform in OCI terms: builds run natively, there is no emulation. */
    public static String hostPlatform() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        String oci = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return "linux/" + oci;
    }
}
