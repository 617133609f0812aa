package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Rootless builds. A JVM cannot enter a user namespace itself (unshare(CLONE_NEWUSER) refuses a
 * multi-threaded process), so {@code dfsim build} started by a non-root user runs itself again under
 * {@code unshare --user --map-root-user --mount} ({@link #reexec}): in there it is root of its own user
 * namespace, unpacks layers, mounts overlayfs (with {@code userxattr}, Linux 5.11+) and runs each step
 * in the same nested namespaces + chroot as a root build. Files it creates belong to the user on the host
 * and show as 0:0 inside, so the layer tars record the ids the container sees. With {@code newuidmap}
 * (package uidmap) and a range in /etc/subuid and /etc/subgid, {@code --map-auto} maps ids 1..65535 as
 * well; without them only root exists in the namespace and a {@code USER} other than root fails clearly.
 */
public final class Rootless {
    /** Set in the re-executed JVM's environment: the host uid that started the build. */
    public static final String MARKER = "DFSIM_ROOTLESS_UID";

    private static final String PROBE = """
            set -e
            mount -t overlay overlay -o lowerdir=l,upperdir=u,workdir=w,userxattr m
            [ -f m/lower.txt ]
            rm m/lower.txt
            [ -c u/lower.txt ]
            """;

    private Rootless() {
    }

    /** Whether this process runs in a user namespace other than the initial one. */
    public static boolean inUserNamespace() {
        try {
            List<String> map = Files.readAllLines(Path.of("/proc/self/uid_map"));
            return !(map.size() == 1 && map.get(0).trim().split("\\s+").length == 3
                    && map.get(0).trim().matches("0\\s+0\\s+4294967295"));
        } catch (IOException e) {
            return false;
        }
    }

    /** A non-root user outside any user namespace: the build has to run again inside one. */
    public static boolean needsReexec() {
        return isLinux() && effectiveUid().map(uid -> uid != 0).orElse(false) && !inUserNamespace()
                && System.getenv(MARKER) == null;
    }

    /** The overlay opaque marker: {@code trusted.overlay.opaque}, or with userxattr {@code user.overlay.opaque}. */
    public static String opaqueXattr() {
        return inUserNamespace() ? "user.overlay.opaque" : "trusted.overlay.opaque";
    }

    /** Extra overlay mount options: {@code userxattr} in a user namespace, where trusted.* is out of reach. */
    static String overlayOptions() {
        return inUserNamespace() ? ",userxattr" : "";
    }

    /** setgroups(2) is denied in a namespace made without newgidmap: unshare --setgid would fail there. */
    static boolean setgroupsDenied() {
        try {
            return Files.readString(Path.of("/proc/self/setgroups")).strip().equals("deny");
        } catch (IOException e) {
            return false;
        }
    }

    /** unshare's id mapping: every subordinate id when newuidmap and a subuid range exist, else root only. */
    static List<String> mapOptions() {
        boolean helpers = HostTools.which("newuidmap").isPresent() && HostTools.which("newgidmap").isPresent();
        String user = System.getProperty("user.name", "");
        String uid = effectiveUid().map(String::valueOf).orElse("");
        if (helpers && hasRange(Path.of("/etc/subuid"), user, uid) && hasRange(Path.of("/etc/subgid"), user, uid)) {
            return List.of("--map-auto", "--map-root-user");
        }
        return List.of("--map-root-user");
    }

    private static boolean hasRange(Path file, String user, String uid) {
        try {
            return Files.readAllLines(file).stream().map(l -> l.split(":", 2)[0])
                    .anyMatch(owner -> owner.equals(user) || owner.equals(uid));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a rootless build can run here: a user namespace with an overlay (userxattr) mount is tried. */
    public static SandboxCheck check() {
        Optional<String> unshare = HostTools.which("unshare");
        if (unshare.isEmpty() || HostTools.find().isEmpty()) {
            return SandboxCheck.no("a rootless build needs unshare, setsid, setpriv (util-linux), env, kill and sh");
        }
        List<String> argv = new ArrayList<>(List.of(unshare.get(), "--user"));
        argv.addAll(mapOptions());
        argv.addAll(List.of("--mount", "--propagation", "private", "sh", "-c", PROBE));
        Optional<String> failure = SandboxProbe.tryOverlay("dfsim-rootless-probe-", argv, java.util.Map.of());
        if (failure.isPresent()) {
            return SandboxCheck.no("a rootless build needs unprivileged user namespaces and overlayfs with userxattr"
                    + " (Linux 5.11 or later; this is " + System.getProperty("os.version") + "): " + failure.get()
                    + "; run dfsim build as root, or use --dry-run");
        }
        return new SandboxCheck(true, "rootless sandbox available (user namespace + overlayfs userxattr"
                + (mapOptions().contains("--map-auto") ? ", subordinate ids" : ", root only") + ")");
    }

    /**
     * Runs this JVM's own command line again inside a new user + mount namespace and returns its exit
     * code. The child dies with this JVM (parent-death signal); SIGINT/SIGTERM here are passed on to it.
     */
    public static int reexec() throws IOException, InterruptedException {
        ProcessHandle.Info me = ProcessHandle.current().info();
        if (me.command().isEmpty() || me.arguments().isEmpty()) {
            throw new IOException("cannot read this process's command line to run it in a user namespace");
        }
        HostTools tools = HostTools.find().orElseThrow(() -> new IOException("unshare/setpriv not found"));
        List<String> argv = new ArrayList<>(List.of(tools.setpriv(), "--pdeathsig", "KILL", tools.unshare(),
                "--user"));
        argv.addAll(mapOptions());
        argv.addAll(List.of("--mount", "--propagation", "private", "--"));
        argv.add(me.command().get());
        argv.addAll(List.of(me.arguments().get()));
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().put(MARKER, effectiveUid().map(String::valueOf).orElse("?"));
        Process child = pb.start();
        Thread forward = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy(); // SIGTERM: the child's own hook kills its steps and removes its dirs
                try {
                    child.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "dfsim-rootless-forward");
        Runtime.getRuntime().addShutdownHook(forward);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(forward);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running
        }
        return code;
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase().contains("linux");
    }

    /** The effective uid from /proc/self/status (Java has no getuid). */
    static Optional<Integer> effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Optional.of(Integer.parseInt(line.substring(4).trim().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return Optional.empty();
    }
}
