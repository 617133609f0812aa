package dev.dftools.lsp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Keeps the JIT compiler threads off the first CPU the process may use (Linux, two CPUs or more),
 * so that the thread answering the editor always has a core the compilers do not take. In a young
 * JVM the compilers keep both cores of a small machine busy for seconds, and the first document's
 * lint got about half a core: on 2 cores the first open of the 2,000-line benchmark file took
 * ~20% less time with the compilers on one core (docs/benchmarks.md), keystrokes the same.
 * <p>
 * The JVM has no API for a thread's CPU set, so {@code taskset} (util-linux) sets it, once per
 * compiler thread. Compiler threads the JVM adds later are started by a compiler thread and
 * inherit its set. Any failure (no /proc, no taskset, a CPU set the container forbids) leaves the
 * threads as they were: this only changes speed. {@code -Ddfls.compilerAffinity=false} turns it off.
 */
final class CompilerThreadAffinity {

    private CompilerThreadAffinity() {
    }

    /** Sets the compiler threads' CPUs on a daemon thread (it starts processes: off the start-up path). */
    static void applyInBackground() {
        if ("false".equals(System.getProperty("dfls.compilerAffinity"))) {
            return;
        }
        Thread t = new Thread(CompilerThreadAffinity::apply, "dfls-compiler-affinity");
        t.setDaemon(true);
        t.start();
    }

    /** Sets the compiler threads' CPUs now; returns how many threads were moved. */
    static int apply() {
        Path self = Path.of("/proc/self");
        try {
            String cpus = cpusForCompilers(allowedCpus(Files.readString(self.resolve("status"), StandardCharsets.UTF_8)));
            if (cpus == null) {
                return 0;
            }
            int moved = 0;
            for (String tid : compilerThreads(self.resolve("task"))) {
                moved += setCpus(tid, cpus) ? 1 : 0;
            }
            return moved;
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux, or no taskset: the threads stay where they were
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Lets thread {@code tid} of this process run on {@code cpus} only ("1,2" style); true when taskset did. */
    static boolean setCpus(String tid, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-p", "-c", cpus, tid)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor(5, TimeUnit.SECONDS)) {
            return taskset.exitValue() == 0;
        }
        taskset.destroy();
        return false;
    }

    /** The CPUs of a {@code /proc/PID/status} text's {@code Cpus_allowed_list} line (e.g. "0-3,6"), in order. */
    static List<Integer> allowedCpus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                TreeSet<Integer> cpus = new TreeSet<>();
                for (String part : line.substring("Cpus_allowed_list:".length()).trim().split(",")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    int dash = part.indexOf('-');
                    int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                    int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
                    for (int cpu = from; cpu <= to; cpu++) {
                        cpus.add(cpu);
                    }
                }
                return List.copyOf(cpus);
            }
        }
        return List.of();
    }

    /** The CPU list for the compilers ("1-3" style, for taskset): all but the first; null under two CPUs. */
    static @Nullable String cpusForCompilers(List<Integer> allowed) {
        if (allowed.size() < 2) {
            return null;
        }
        List<String> rest = new ArrayList<>();
        for (int cpu : allowed.subList(1, allowed.size())) {
            rest.add(Integer.toString(cpu));
        }
        return String.join(",", rest);
    }

    /** The ids of the threads named as HotSpot names its JIT compiler threads, under a /proc task directory. */
    static List<String> compilerThreads(Path taskDir) throws IOException {
        List<String> tids = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir)) {
            for (Path task : tasks) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    tids.add(task.getFileName().toString());
                }
            }
        }
        return tids;
    }
}
