package dev.dftools.sim.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real RUN steps over a busybox rootfs; skipped (with the check's message) where the sandbox cannot run. */
class SandboxIntegrationTest {
    private static final List<String> APPLETS = List.of("sh", "echo", "dd", "rm", "mkdir", "cat", "sleep", "ls",
            "id", "pwd", "true", "false", "mount", "mknod", "ln", "chroot", "grep", "ps");
    private static Path tmp;
    private static Path rootfs;
    private static Sandbox sandbox;
    private static Path runRoot;
    private static int step;

    @BeforeAll
    static void setUp() throws Exception {
        SandboxCheck check = Sandbox.check();
        Assumptions.assumeTrue(check.ok(), "sandbox not available here: " + check.message());
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            installBusybox();
        }
        Assumptions.assumeTrue(Files.isExecutable(busybox), "busybox-static is not installed and could not be");
        tmp = Files.createTempDirectory("dfsim-sandbox-it-");
        rootfs = busyboxRootfs(tmp.resolve("rootfs"), true);
        runRoot = tmp.resolve("runs");
        sandbox = Sandbox.create(runRoot);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (tmp == null) {
            return;
        }
        assertEquals(List.of(), MountTable.mountsUnder(tmp), "mounts left under the test dir");
        List<String> problems = new ArrayList<>();
        Sandbox.deleteTree(tmp, problems);
        assertEquals(List.of(), problems);
    }

    @Test
    void upperDirHoldsExactlyTheStepsFiles() throws Exception {
        Step s = step();
        RunResult r = sandbox.run(s.spec(List.of(rootfs),
                RunCommand.shell("echo hello > /a.txt; dd if=/dev/zero of=/big bs=1M count=5")), OutputSink.discard());
        assertTrue(r.succeeded(), r::failureMessage);
        assertEquals(Set.of("a.txt", "big"), entries(s.upper()));
        assertEquals("hello\n", Files.readString(s.upper().resolve("a.txt")));
        assertEquals(5L * 1024 * 1024, Files.size(s.upper().resolve("big")));
        assertEquals(List.of(), r.createdStubs());
        assertClean();
    }

    @Test
    void theStepsOverlayIsVolatileWhereTheKernelHasIt() throws Exception {
        // volatile (Linux 5.10+) spares the unmount's sync of the whole upper file system; the probe
        // decides, and a RUN's overlay carries what it found
        boolean volatileFound = SandboxProbe.extraOptions().equals(SandboxProbe.VOLATILE);
        String[] release = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(release[0]);
        int minor = Integer.parseInt(release[1]);
        if (major > 5 || major == 5 && minor >= 10) {
            assertTrue(volatileFound, "the probe did not find overlay's volatile option on Linux "
                    + System.getProperty("os.version"));
        }
        Step s = step();
        List<String> overlayRoot = java.util.Collections.synchronizedList(new ArrayList<>());
        RunResult r = sandbox.run(s.spec(List.of(rootfs), RunCommand.shell("grep ' / / .* overlay ' /proc/self/mountinfo")),
                (stream, line) -> overlayRoot.add(line));
        assertTrue(r.succeeded(), r::failureMessage);
        assertEquals(1, overlayRoot.size(), overlayRoot::toString);
        assertEquals(volatileFound, overlayRoot.get(0).contains("volatile"), overlayRoot.get(0));
        assertClean();
    }

    @Test
    void missingMountPointsAreReportedAndKeptOutOfTheLayer() throws Exception {
        Path bare = busyboxRootfs(tmp.resolve("bare-" + (++step)), false);
        Step s = step();
        RunResult r = sandbox.run(s.spec(List.of(bare), RunCommand.shell("echo hi > /dev/null; ls /proc/self >/dev/null")),
                OutputSink.discard());
        assertTrue(r.succeeded(), r::failureMessage);
        assertEquals(List.of("/proc", "/sys", "/dev"), r.createdStubs());
        assertEquals(Set.of(), entries(s.upper()));
        assertClean();
    }

    @Test
    void deletingALowerFileLeavesAWhiteout() throws Exception {
        Path layer2 = Files.createDirectories(tmp.resolve("layer2-" + (++step)));
        Files.writeString(layer2.resolve("a.txt"), "from layer 2\n");
        Step s = step();
        RunResult r = sandbox.run(s.spec(List.of(rootfs, layer2), RunCommand.shell("cat /a.txt && rm /a.txt")),
                OutputSink.discard());
        assertTrue(r.succeeded(), r::failureMessage);
        assertEquals(List.of("from layer 2"), r.lastLines());
        Path wh = s.upper().resolve("a.txt");
        int mode = (Integer) Files.getAttribute(wh, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long rdev = (Long) Files.getAttribute(wh, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, mode & 0170000, "a whiteout is a character device");
        assertEquals(0L, rdev, "a whiteout is device 0/0");
        assertTrue(Files.exists(layer2.resolve("a.txt")), "lower layers stay read-only");
        assertClean();
    }

    @Test
    void failingCommandReturnsItsExitCodeAndLastLines() throws Exception {
        Step s = step();
        List<String> streamed = new ArrayList<>();
        RunResult r = sandbox.run(s.spec(List.of(rootfs), RunCommand.shell("echo one; echo two >&2; exit 3")),
                (stream, line) -> {
                    synchronized (streamed) {
                        streamed.add(stream + ":" + line);
                    }
                });
        assertEquals(3, r.exitCode());
        assertFalse(r.timedOut());
        assertEquals(Set.of("one", "two"), Set.copyOf(r.lastLines()));
        assertEquals(Set.of("STDOUT:one", "STDERR:two"), Set.copyOf(streamed));
        assertTrue(r.failureMessage().contains("exited with code 3"), r.failureMessage());
        assertClean();
    }

    @Test
    void timeoutKillsTheWholeStep() throws Exception {
        Step s = step();
        long start = System.nanoTime();
        RunResult r = sandbox.run(s.spec(List.of(rootfs), RunCommand.shell("sleep 60 & sleep 60; echo never"))
                .withTimeout(Duration.ofSeconds(1)), OutputSink.discard());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        assertTrue(r.failureMessage().contains("timed out"), r.failureMessage());
        assertClean();
    }

    @Test
    void writingOutsideTheRootfsStaysInTheLayer() throws Exception {
        String name = "dfsim-canary-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path canary = Path.of("/etc", name);
        Files.writeString(canary, "host canary\n");
        try {
            String before = sha256(canary);
            Step s = step();
            RunResult r = sandbox.run(s.spec(List.of(rootfs),
                    RunCommand.shell("echo x > /../../etc/" + name + "; cat /../../../etc/" + name)),
                    OutputSink.discard());
            assertTrue(r.succeeded(), r::failureMessage);
            assertEquals(before, sha256(canary), "host canary changed");
            assertEquals("x\n", Files.readString(s.upper().resolve("etc/" + name)), "the write lands in the layer");
        } finally {
            Files.deleteIfExists(canary);
        }
        assertClean();
    }

    @Test
    void procOneRootMountsAndDeviceNodesCannotReachTheHost() throws Exception {
        String name = "dfsim-canary-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path canary = Path.of("/etc", name);
        Files.writeString(canary, "host canary\n");
        try {
            String before = sha256(canary);
            Step s = step();
            // PID 1 is the step itself, so /proc/1/root is the step's own root; the host's processes are
            // not visible; without sys_admin and mknod no file system or disk can be mounted or opened
            RunResult r = sandbox.run(s.spec(List.of(rootfs), RunCommand.shell(
                    "echo x > /proc/1/root/etc/" + name + "; echo y > /proc/1/root/../../etc/" + name + "2;"
                    + " ls /proc | grep -c '^[0-9]' > /pids;"
                    + " mount -t tmpfs none /mnt 2>/dev/null && echo mounted-tmpfs;"
                    + " mount --bind /proc/1/root /mnt 2>/dev/null && echo mounted-bind;"
                    + " mknod /disk b 8 0 2>/dev/null && echo made-disk;"
                    + " mkdir -p /jail && chroot /jail /bin/true 2>/dev/null; echo done")), OutputSink.discard());
            assertTrue(r.succeeded(), r::failureMessage);
            assertEquals(List.of("done"), r.lastLines(), "no mount or device node succeeded");
            assertEquals(before, sha256(canary), "host canary changed");
            assertFalse(Files.exists(Path.of("/etc", name + "2")), "a file appeared on the host");
            assertEquals("x\n", Files.readString(s.upper().resolve("etc/" + name)), "the write lands in the layer");
            assertEquals("y\n", Files.readString(s.upper().resolve("etc/" + name + "2")));
            assertTrue(Integer.parseInt(Files.readString(s.upper().resolve("pids")).strip()) <= 3,
                    "the step sees only its own processes");
            assertFalse(Files.exists(s.upper().resolve("disk")));
        } finally {
            Files.deleteIfExists(canary);
        }
        assertClean();
    }

    /**
     * The classic chroot escape (chroot into a subdir while the cwd stays outside it, climb with "..",
     * chroot there) needs only sys_chroot, which RUN keeps (Docker does too). It must not reach the host:
     * the step's chroot sits in a throwaway root (pivot_root) holding only read-only host binaries.
     */
    @Test
    void chrootEscapeDoesNotReachTheHost() throws Exception {
        Path perl = Path.of("/usr/bin/perl");
        Assumptions.assumeTrue(Files.isExecutable(perl), "perl is needed for the escape program");
        Path image = busyboxRootfs(tmp.resolve("perl-" + (++step)), true);
        Files.copy(perl, image.resolve("bin/perl"));
        for (String lib : List.of("/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libc.so.6",
                "/lib/x86_64-linux-gnu/libcrypt.so.1", "/lib64/ld-linux-x86-64.so.2")) {
            Assumptions.assumeTrue(Files.exists(Path.of(lib)), "perl's libraries are elsewhere: " + lib);
            Path target = image.resolve(lib.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(lib), target);
        }
        String name = "dfsim-canary-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path canary = Path.of("/etc", name);
        Files.writeString(canary, "host canary\n");
        try {
            String before = sha256(canary);
            Step s = step();
            String escape = "mkdir \"/x\"; chroot(\"/x\") or die \"chroot: $!\"; chdir(\"..\") for 1..64;"
                    + " chroot(\".\") or die \"chroot2: $!\"; opendir(my $d, \"/\"); print join(\",\", sort grep"
                    + " { !/^[.]/ } readdir($d)), \"\\n\"; if (open(my $f, \">\", \"/etc/" + name + "\")) { print $f"
                    + " \"escaped\\n\"; close $f; print \"wrote\\n\" } else { print \"cannot write: $!\\n\" }";
            RunResult r = sandbox.run(s.spec(List.of(image), RunCommand.exec(List.of("/bin/perl", "-e", escape))),
                    OutputSink.discard());
            assertEquals(before, sha256(canary), "the escape wrote to the host: " + r.lastLines());
            assertFalse(String.join("\n", r.lastLines()).contains("work"), "the host's / was listed: "
                    + r.lastLines());
            assertFalse(Files.exists(s.upper().resolve("etc/" + name)), "it did not even stay in the layer");
        } finally {
            Files.deleteIfExists(canary);
        }
        assertClean();
    }

    @Test
    void aBackgroundProcessIsKilledAtTheEndOfTheStep() throws Exception {
        Step s = step();
        // the step exits at once; its child would sleep on (and keep the mounts alive) if not killed
        RunResult r = sandbox.run(s.spec(List.of(rootfs), RunCommand.shell(
                "sleep 600 </dev/null >/dev/null 2>&1 & echo started")), OutputSink.discard());
        assertTrue(r.succeeded(), r::failureMessage);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            assertEquals(List.of(), all.filter(h -> h.info().commandLine().orElse("").contains("sleep 600")).toList(),
                    "the background process survived its step");
        }
        assertClean();
    }

    @Test
    void execFormWithEnvWorkdirUserAndNoNetwork() throws Exception {
        Step s = step();
        RunSpec spec = s.spec(List.of(rootfs), RunCommand.exec(List.of("/bin/sh", "-c",
                        "echo \"$FOO $(pwd) $(id -u):$(id -g) $HOME\"; ls /sys/class/net")))
                .withEnv(Map.of("FOO", "bar"))
                .withWorkingDir("/work/dir")
                .withUser("nobody")
                .withNetwork(Network.NONE);
        RunResult r = sandbox.run(spec, OutputSink.discard());
        assertTrue(r.succeeded(), r::failureMessage);
        assertEquals(List.of("bar /work/dir 65534:65534 /nonexistent", "lo"), r.lastLines());
        assertTrue(Files.isDirectory(s.upper().resolve("work/dir")), "a missing working directory is created");
        assertClean();
    }

    @Test
    void badLayerIsASandboxExceptionAndLeavesNothing() throws Exception {
        Step s = step();
        SandboxException e = assertThrows(SandboxException.class, () -> sandbox.run(
                s.spec(List.of(tmp.resolve("no-such-layer")), RunCommand.shell("true")), OutputSink.discard()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Step u = step();
        SandboxException e2 = assertThrows(SandboxException.class, () -> sandbox.run(
                u.spec(List.of(rootfs), RunCommand.shell("true")).withUser("nosuchuser"), OutputSink.discard()));
        assertTrue(e2.getMessage().contains("unable to find user nosuchuser"), e2.getMessage());
        assertClean();
    }

    private record Step(Path upper, Path work) {
        RunSpec spec(List<Path> lowers, RunCommand command) {
            return RunSpec.of(lowers, upper, work, command).withTimeout(Duration.ofSeconds(20));
        }
    }

    private static synchronized Step step() {
        int n = ++step;
        return new Step(tmp.resolve("upper-" + n), tmp.resolve("work-" + n));
    }

    /** Nothing mounted below the test dir and no run dir left. */
    private static void assertClean() throws IOException {
        assertEquals(List.of(), MountTable.mountsUnder(tmp));
        try (Stream<Path> s = Files.list(runRoot)) {
            assertEquals(List.of(), s.toList(), "run dirs left behind");
        }
    }

    private static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Set<String> out = new TreeSet<>();
            s.filter(p -> !p.equals(dir)).forEach(p -> out.add(dir.relativize(p).toString()));
            return out;
        }
    }

    private static Path busyboxRootfs(Path root, boolean withMountPoints) throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
        if (withMountPoints) {
            for (String d : List.of("proc", "sys", "dev", "tmp", "root", "mnt")) {
                Files.createDirectories(root.resolve(d));
            }
        }
        return root;
    }

    private static void installBusybox() throws Exception {
        for (List<String> cmd : List.of(List.of("apt-get", "install", "-y", "-q", "busybox-static"))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(120, TimeUnit.SECONDS);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
