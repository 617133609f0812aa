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
            mount -t overlay overlay -o "lowerdir=l,upperdir=u,workdir=w$DFSIM_OVERLAY_OPTS$DFSIM_OVERLAY_EXTRA" m
            [ -f m/lower.txt ]
            echo x > m/new.txt
            [ -f u/new.txt ]
            """;

    /**
     * Overlay options the probe found to work beyond the required ones: {@code ,volatile} (Linux
     * 5.10+), else empty. Without it, the unmount at the end of every RUN (and of the probe) syncs
     * the whole upper file system, a disk flush that took 0.2-0.7 s here per RUN; a build's upper
     * dirs are scratch until the layer is written, so there is nothing to keep across a crash.
     */
    static final String VOLATILE = ",volatile";

    private static volatile String extraOptions = "";

    private SandboxProbe() {
    }

    static String extraOptions() {
        return extraOptions;
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
        List<String> argv = List.of(tools.get().unshare(), "--mount", "--pid", "--fork", "--kill-child", "--uts",
                "--ipc", "--net", "--propagation", "private", tools.get().sh(), "-c", PROBE);
        if (tryOverlay("dfsim-probe-", argv, Map.of("DFSIM_OVERLAY_OPTS", Rootless.overlayOptions(),
                "DFSIM_OVERLAY_EXTRA", VOLATILE)).isEmpty()) {
            extraOptions = VOLATILE;
            return SandboxCheck.yes();
        }
        extraOptions = ""; // an older kernel: the same probe without it says whether the sandbox works
        Optional<String> failure = tryOverlay("dfsim-probe-", argv, Map.of("DFSIM_OVERLAY_OPTS",
                Rootless.overlayOptions(), "DFSIM_OVERLAY_EXTRA", ""));
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
