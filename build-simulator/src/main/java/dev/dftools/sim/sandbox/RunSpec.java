package dev.dftools.sim.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RUN step. {@code lowerDirs} are the image's layers bottom first (read-only; may be empty for
 * FROM scratch); {@code upperDir} receives the step's changes and becomes the layer diff;
 * {@code workDir} is overlayfs's scratch dir on the same file system as the upper dir.
 * {@code user} is Docker's USER syntax: name, uid, name:group or uid:gid (empty = root).
 */
public record RunSpec(List<Path> lowerDirs, Path upperDir, Path workDir, RunCommand command,
                      Map<String, String> env, String workingDir, String user, Network network,
                      Duration timeout, List<RunMount> mounts) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public RunSpec {
        lowerDirs = List.copyOf(lowerDirs);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        for (String key : env.keySet()) {
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: '" + key + "'");
            }
        }
        for (String value : env.values()) {
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment values cannot contain NUL characters");
            }
        }
        workingDir = checkWorkingDir(workingDir);
        user = user == null ? "" : user.strip();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the RUN timeout must be positive");
        }
    }

    public RunSpec(List<Path> lowerDirs, Path upperDir, Path workDir, RunCommand command, Map<String, String> env,
            String workingDir, String user, Network network, Duration timeout) {
        this(lowerDirs, upperDir, workDir, command, env, workingDir, user, network, timeout, List.of());
    }

    public static RunSpec of(List<Path> lowerDirs, Path upperDir, Path workDir, RunCommand command) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, Map.of(), "/", "", Network.HOST,
                DEFAULT_TIMEOUT);
    }

    public RunSpec withEnv(Map<String, String> newEnv) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, newEnv, workingDir, user, network, timeout, mounts);
    }

    public RunSpec withWorkingDir(String dir) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, env, dir, user, network, timeout, mounts);
    }

    public RunSpec withUser(String newUser) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, env, workingDir, newUser, network, timeout, mounts);
    }

    public RunSpec withNetwork(Network newNetwork) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, env, workingDir, user, newNetwork, timeout, mounts);
    }

    public RunSpec withTimeout(Duration newTimeout) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, env, workingDir, user, network, newTimeout, mounts);
    }

    /** The same step with extra mounts (RUN --mount, heredoc scripts), applied in order. */
    public RunSpec withMounts(List<RunMount> newMounts) {
        return new RunSpec(lowerDirs, upperDir, workDir, command, env, workingDir, user, network, timeout, newMounts);
    }

    /** Absolute, no "..": the sandbox creates missing components on the host side of the chroot. */
    private static String checkWorkingDir(String dir) {
        if (dir == null || dir.isEmpty()) {
            return "/";
        }
        if (!dir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory must be absolute: " + dir);
        }
        for (String part : dir.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("the working directory cannot contain '..': " + dir);
            }
        }
        if (dir.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the working directory cannot contain NUL characters");
        }
        return dir;
    }
}
