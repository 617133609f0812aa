package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Optional<Integer> uid = effectiveUid();
        if (uid.isEmpty() || uid.get() != 0) {
            return SandboxCheck.no("the RUN sandbox needs root, or a user namespace (dfsim build enters one itself"
                    + " when started by a non-root user); running as uid " + uid.map(String::valueOf).orElse("?"));
        }
        Optional<HostTools> tools = HostTools.find();
        if (tools.isEmpty()) {
            return SandboxCheck.no("the RUN sandbox needs unshare, setsid, setpriv, env, kill (util-linux, coreutils) and sh"
                    + " in /usr/bin or /bin");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dfsim-probe-");
            for (String d : List.of("l", "u", "w", "m")) {
                Files.createDirectory(dir.resolve(d));
            }
            Files.writeString(dir.resolve("l/lower.txt"), "x");
            ProcessBuilder pb = new ProcessBuilder(tools.get().unshare(), "--mount", "--pid", "--fork", "--kill-child",
                    "--uts", "--ipc", "--net", "--propagation", "private", tools.get().sh(), "-c", PROBE)
                    .directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("DFSIM_OVERLAY_OPTS", Rootless.overlayOptions());
            Process p = pb.start();
            boolean done = p.waitFor(15, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!done) {
                p.destroyForcibly();
                return SandboxCheck.no("the RUN sandbox probe (unshare + overlay mount) hung");
            }
            if (p.exitValue() != 0) {
                return SandboxCheck.no("cannot create namespaces and mount overlayfs here (unshare + mount -t overlay"
                        + " failed" + (out.isEmpty() ? "" : ": " + out) + ")");
            }
            return SandboxCheck.yes();
        } catch (IOException e) {
            return SandboxCheck.no("the RUN sandbox probe failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SandboxCheck.no("the RUN sandbox probe was interrupted");
        } finally {
            if (dir != null) {
                try {
                    Sandbox.cleanUp(dir);
                } catch (SandboxException e) {
                    // the probe's verdict stands; the temp dir stays behind
                }
            }
        }
    }

    private static Optional<Integer> effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return Optional.of(Integer.parseInt(f[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown
        }
        return Optional.empty();
    }
}
