package dev.dftools.sim.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A busybox rootfs for tests that need a real base image (root only: it chroots to install the
 * applet links), as shared/tools/build-anchor/mk-busybox-rootfs.sh makes it.
 */
public final class BusyboxRootfs {
    private BusyboxRootfs() {}

    /** True when /bin/busybox exists, installing Debian's busybox-static first if it does not. */
    public static boolean ensureInstalled() throws Exception {
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            exec(300, "apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=240", "busybox-static");
        }
        return Files.isExecutable(Path.of("/bin/busybox"));
    }

    /** busybox plus its applet symlinks, /etc/passwd and /etc/group, /tmp 1777, in directory {@code r}. */
    public static Path create(Path r) throws Exception {
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

    private static void exec(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
