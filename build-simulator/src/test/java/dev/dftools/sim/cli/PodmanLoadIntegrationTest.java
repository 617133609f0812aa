package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dftools.sim.sandbox.Sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built by {@code dfsim build} and exported with {@code --output type=docker|oci} is
 * accepted by {@code podman load} and runs under {@code podman run}: the container prints what a RUN
 * step wrote. Podman gets a private store in a temp dir (--root/--runroot, vfs, no config from the
 * host) and is cleaned up after; nothing under /var/lib/containers is touched.
 *
 * <p>The flags podman needs on a host like the reference machine (root without cap_sys_resource,
 * cgroup v1 hybrid; see docs/dfsim.md "Running the image with podman"): {@code --cgroup-manager
 * cgroupfs --events-backend file} (no systemd), {@code --runtime runc} (crun 1.8 refuses hybrid
 * cgroups), and explicit {@code --ulimit}s no higher than the runtime's own limits (podman asks for
 * RLIMIT_NOFILE 1048576, and its runtime cannot raise a limit without cap_sys_resource).
 */
class PodmanLoadIntegrationTest {
    @TempDir
    Path tmp;

    private final List<String> podman = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Sandbox.check().ok(), "sandbox not available here: " + Sandbox.check().message());
        for (String[] tool : new String[][] {{"/usr/bin/podman", "podman"}, {"/usr/sbin/runc", "runc"},
                {"/bin/busybox", "busybox-static"}}) {
            if (!Files.isExecutable(Path.of(tool[0]))) {
                exec(300, "apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=120", tool[1]);
            }
            Assumptions.assumeTrue(Files.isExecutable(Path.of(tool[0])), tool[1] + " is not installed");
        }
        Path p = tmp.resolve("podman");
        podman.addAll(List.of("podman", "--root", p.resolve("root").toString(), "--runroot",
                p.resolve("run").toString(), "--tmpdir", Files.createDirectories(p.resolve("tmp")).toString(),
                "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "file",
                "--runtime", "runc"));
    }

    @AfterEach
    void removePodmanStore() throws Exception {
        if (!podman.isEmpty()) {
            // vfs leaves no mounts, so the temp dir's clean-up removes the rest. Not `system reset`:
            // it would also clear the host's network configs under /etc/containers.
            run(120, withPodman("rmi", "--all", "--force"));
        }
    }

    private List<String> withPodman(String... args) {
        List<String> cmd = new ArrayList<>(podman);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void exec(int seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(seconds, TimeUnit.SECONDS);
    }

    private record Outcome(int exit, String output) {}

    private Outcome run(int seconds, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // no containers.conf, registries.conf or policy from the host
        pb.environment().put("CONTAINERS_CONF", "/dev/null");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Outcome(p.exitValue(), out);
    }

    /** The "Max ..." line of /proc/self/limits as soft:hard, capped at the runtime's limit. */
    private static String limit(String name, long cap) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith(name)) {
                String[] f = line.substring(name.length()).trim().split("\\s+");
                long soft = f[0].equals("unlimited") ? cap : Math.min(cap, Long.parseLong(f[0]));
                long hard = f[1].equals("unlimited") ? cap : Math.min(cap, Long.parseLong(f[1]));
                return soft + ":" + hard;
            }
        }
        return cap + ":" + cap;
    }

    /** As shared/tools/build-anchor/mk-busybox-rootfs.sh: busybox plus its applet symlinks. */
    private Path busyboxRootfs() throws Exception {
        Path r = tmp.resolve("rootfs");
        for (String d : List.of("bin", "etc", "tmp", "root", "proc", "sys", "dev", "usr/bin", "usr/sbin", "sbin")) {
            Files.createDirectories(r.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), r.resolve("bin/busybox"));
        exec(60, "chroot", r.toString(), "/bin/busybox", "--install", "-s");
        Files.writeString(r.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(r.resolve("etc/group"), "root:x:0:\n");
        return r;
    }

    private void dfsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dfsim.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, "dfsim " + String.join(" ", args) + "\n" + out + err);
    }

    @Test
    void podmanLoadsAndRunsBothExportFormats() throws Exception {
        String store = tmp.resolve("store").toString();
        dfsim("import", "--store", store, busyboxRootfs().toString(), "localhost/busybox:local");
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        // D1's first steps plus a RUN that writes what the container prints
        Files.writeString(context.resolve("Dockerfile"), """
                FROM localhost/busybox:local
                RUN dd if=/dev/urandom of=/f1 bs=1M count=1
                RUN echo "written by a dfsim RUN" > /hello.txt && wc -c < /f1 >> /hello.txt
                CMD ["cat", "/hello.txt"]
                """);
        Path docker = tmp.resolve("d1.docker.tar");
        Path oci = tmp.resolve("d1.oci.tar");
        dfsim("build", "--store", store, "--network", "none", "-t", "localhost/d1:docker", "--output",
                "type=docker,dest=" + docker, context.toString());
        dfsim("build", "--store", store, "--network", "none", "-t", "localhost/d1:oci", "--output",
                "type=oci,dest=" + oci, context.toString());

        String nofile = limit("Max open files", 1_048_576);
        String nproc = limit("Max processes", 32_768); // podman 4.3 starts its runtime with 32768
        for (Path archive : List.of(docker, oci)) {
            Outcome load = run(120, withPodman("load", "-i", archive.toString()));
            assertEquals(0, load.exit(), load.output());
            String tag = archive == docker ? "localhost/d1:docker" : "localhost/d1:oci";
            assertTrue(load.output().contains("Loaded image"), load.output());
            Outcome cat = run(120, withPodman("run", "--rm", "--network", "none", "--ulimit", "nofile=" + nofile,
                    "--ulimit", "nproc=" + nproc, tag, "cat", "/hello.txt"));
            assertEquals(0, cat.exit(), cat.output());
            assertEquals("written by a dfsim RUN\n1048576\n", cat.output(), archive.toString());
            // the image's CMD survives the export too
            Outcome cmd = run(120, withPodman("run", "--rm", "--network", "none", "--ulimit", "nofile=" + nofile,
                    "--ulimit", "nproc=" + nproc, tag));
            assertEquals("written by a dfsim RUN\n1048576\n", cmd.output(), archive.toString());
            // podman sees dfsim's layers with their uncompressed sizes: the 1 MiB file's layer is
            // 512 B header + 1 MiB + 1,024 B end blocks (build-sandbox.md §3 D1, without buildah's mount points)
            Outcome history = run(60, withPodman("history", "--format", "json", tag));
            assertEquals(0, history.exit(), history.output());
            assertTrue(history.output().replace(" ", "").contains("\"size\":1050112"), history.output());
        }
    }
}
