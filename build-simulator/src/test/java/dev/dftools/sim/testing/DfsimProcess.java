package dev.dftools.sim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Starts {@code dfsim} as its own JVM ({@code java -cp ... Dfsim}), the way bin/dfsim runs it. */
public final class DfsimProcess {
    private DfsimProcess() {
    }

    /** The test JVM's class path entries (surefire's manifest-only jar expanded). */
    public static List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            entries.add(p);
            if (e.endsWith(".jar") && p.getFileName().toString().startsWith("surefire")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    String cp = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String url : cp.trim().split("\\s+")) {
                            entries.add(Path.of(URI.create(url)));
                        }
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return entries;
    }

    /** {@code java -Djava.io.tmpdir=TMP -cp CP dev.dftools.sim.cli.Dfsim ARGS...}. */
    public static List<String> command(List<Path> classpath, Path tmpDir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmpDir, "-cp",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                "dev.dftools.sim.cli.Dfsim"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Pids of the processes whose mount table mentions {@code path}: a sandbox's mount points before it
     * pivots into its jail, and its overlay's upperdir=/workdir= options after.
     */
    public static List<Long> processesMounting(Path path) {
        List<Long> pids = new ArrayList<>();
        String needle = path.toAbsolutePath().toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(proc.resolve("mountinfo")).contains(needle)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException | UncheckedIOException gone) {
                    // the process exited or is not readable
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }
}
