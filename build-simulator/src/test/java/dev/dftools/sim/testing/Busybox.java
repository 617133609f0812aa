package dev.dftools.sim.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dftools.sim.sandbox.Sandbox;
import dev.dftools.sim.store.ImageStore;

import org.junit.jupiter.api.Assumptions;

/** The busybox base of the integration tests, made from Debian's busybox-static like mk-busybox-rootfs.sh. */
public final class Busybox {
    public static final String IMAGE = "localhost/busybox:local";

    private Busybox() {
    }

    /** Skips the test (with the reason) unless the root sandbox and busybox-static are available. */
    public static void assumeAvailable() throws Exception {
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        Assumptions.assumeTrue(ensureInstalled(), "busybox-static is not installed");
    }

    /** True when /bin/busybox exists, installing Debian's busybox-static first if it does not. */
    public static boolean ensureInstalled() throws Exception {
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            exec(300, "apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=240", "busybox-static");
        }
        return Files.isExecutable(Path.of("/bin/busybox"));
    }

    /** Imports a busybox rootfs built under {@code scratch} into {@code store} as {@link #IMAGE}. */
    public static void importInto(ImageStore store, Path scratch) throws Exception {
        store.importRootfs(rootfs(scratch), IMAGE);
    }

    /** busybox plus its applet symlinks, /etc/passwd and /etc/group, /tmp 1777, in directory {@code r} (root only). */
    public static Path rootfs(Path r) throws Exception {
        for (String d : List.of("bin", "etc", "tmp", "root", "proc", "sys", "dev", "usr/bin", "usr/sbin", "sbin", "var",
                "home")) {
            Files.createDirectories(r.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), r.resolve("bin/busybox"));
        exec(60, "chroot", r.toString(), "/bin/busybox", "--install", "-s");
        Files.setAttribute(r.resolve("tmp"), "unix:mode", 01777);
        Files.writeString(r.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(r.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        return r;
    }

    public static int exec(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
