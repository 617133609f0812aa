package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds out whether the root sandbox works here by doing it: a tiny overlay mount in the namespaces. */
final class SandboxProbe {
    private static final String PROBE = """
            set -e
            mount -t overlay overlay -o "lowerdir=l,upperdir=u,workdir=w$DFSIM_OVERLAY_OPTS" m
            [ -f m/lower.txt ]
            echo x > m/new.txt
            [ -f u/new.txt ]
            """;

    private SandboxProbe() {
    }

    static SandboxCheck probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return SandboxCheck.no("the RUN sandbox needs Linux (namespaces + overlayfs); this is "
                    + System.getProperty("os.name"));
        }
        Optional<Integer> uid = Rootless.effectiveUid();
        if (uid.isEmpty() || uid.get() != 0) {
            return SandboxCheck.no("the RUN sandbox needs root, or a user namespace (dfsim build enters one itself"
                    + " when started by a non-root user); running as uid " + uid.map(String::valueOf).orElse("?"));
        }
        Optional<HostTools> tools = HostTools.find();
        if (tools.isEmpty()) {
            return SandboxCheck.no("the RUN sandbox needs unshare, setsid, setpriv, env, kill (util-linux, coreutils) and sh"
                    + " in /usr/bin or /bin");
        }
        Optional<String> failure = tryOverlay("dfsim-probe-", List.of(tools.get().unshare(), "--mount", "--pid",
                "--fork", "--kill-child", "--uts", "--ipc", "--net", "--propagation", "private", tools.get().sh(),
                "-c", PROBE), Map.of("DFSIM_OVERLAY_OPTS", Rootless.overlayOptions()));
        return failure.map(why -> SandboxCheck.no("cannot create namespaces and mount overlayfs here (unshare + mount"
                + " -t overlay: " + why + ")")).orElse(SandboxCheck.yes());
    }

    /**
     * Runs {@code argv} in a fresh temp dir holding {@code l/lower.txt} and empty {@code u}, {@code w},
     * {@code m} (an overlay's layers), then removes the dir. Empty when it exited 0, else why not: its
     * first output line, "hung", or the I/O error.
     */
    static Optional<String> tryOverlay(String prefix, List<String> argv, Map<String, String> env) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(prefix);
            for (String d : List.of("l", "u", "w", "m")) {
                Files.createDirectory(dir.resolve(d));
            }
            Files.writeString(dir.resolve("l/lower.txt"), "x");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(15, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!done) {
                p.destroyForcibly();
                return Optional.of("hung");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(out.isEmpty() ? "exit " + p.exitValue() : out.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } finally {
            if (dir != null) {
                Sandbox.deleteTree(dir, new java.util.ArrayList<>()); // a leftover is swept by nobody: best effort
            }
        }
    }
}
