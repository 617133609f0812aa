package dev.dftools.lsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerThreadAffinityTest {

    @Test
    void readsTheAllowedCpuList() {
        assertEquals(List.of(0, 1), CompilerThreadAffinity.allowedCpus("Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n"));
        assertEquals(List.of(0, 1, 2, 3, 6, 8, 9),
                CompilerThreadAffinity.allowedCpus("Cpus_allowed_list:\t8-9,0-3,6\nMems_allowed_list:\t0\n"));
        assertEquals(List.of(), CompilerThreadAffinity.allowedCpus("Name:\tjava\n"));
    }

    @Test
    void theCompilersGetEveryCpuButTheFirst() {
        assertEquals("1", CompilerThreadAffinity.cpusForCompilers(List.of(0, 1)));
        assertEquals("5,6", CompilerThreadAffinity.cpusForCompilers(List.of(2, 5, 6)));
        assertNull(CompilerThreadAffinity.cpusForCompilers(List.of(3)), "one CPU: nothing to keep free");
        assertNull(CompilerThreadAffinity.cpusForCompilers(List.of()));
    }

    @Test
    void findsTheCompilerThreadsByName(@TempDir Path tasks) throws IOException {
        thread(tasks, "101", "java");
        thread(tasks, "102", "C2 CompilerThre");
        thread(tasks, "103", "C1 CompilerThre");
        thread(tasks, "104", "dfls-diagnostics");
        Files.createDirectories(tasks.resolve("105")); // a thread that ended: no comm any more
        assertEquals(List.of("102", "103"), CompilerThreadAffinity.compilerThreads(tasks).stream().sorted().toList());
    }

    /** The real thing: this JVM's compiler threads, moved by taskset, as the server does at start. */
    @Test
    void movesThisJvmsCompilerThreadsOffTheFirstCpu() throws IOException, InterruptedException {
        Path self = Path.of("/proc/self");
        assumeTrue(Files.isDirectory(self.resolve("task")), "no /proc: not Linux");
        List<Integer> allowed = CompilerThreadAffinity.allowedCpus(Files.readString(self.resolve("status")));
        assumeTrue(allowed.size() >= 2, "one CPU allowed: nothing to keep free");
        assumeTrue(new ProcessBuilder("taskset", "-V").start().waitFor() == 0, "taskset (util-linux) is not installed");
        List<String> compilers = CompilerThreadAffinity.compilerThreads(self.resolve("task"));
        assumeTrue(!compilers.isEmpty(), "this JVM runs without JIT compiler threads");

        try {
            assertEquals(compilers.size(), CompilerThreadAffinity.apply());
            for (String tid : compilers) {
                List<Integer> now = CompilerThreadAffinity.allowedCpus(
                        Files.readString(self.resolve("task").resolve(tid).resolve("status")));
                assertFalse(now.contains(allowed.get(0)), "thread " + tid + " still may run on CPU " + allowed.get(0));
                assertEquals(allowed.subList(1, allowed.size()), now);
            }
            List<Integer> mine = CompilerThreadAffinity.allowedCpus(Files.readString(Path.of("/proc/thread-self/status")));
            assertTrue(mine.contains(allowed.get(0)), "other threads keep every CPU");
        } finally {
            // the rest of the suite runs in this JVM: its compilers get every CPU back
            String all = String.join(",", allowed.stream().map(String::valueOf).toList());
            for (String tid : compilers) {
                CompilerThreadAffinity.setCpus(tid, all);
            }
        }
    }

    private static void thread(Path tasks, String tid, String name) throws IOException {
        Files.createDirectories(tasks.resolve(tid));
        Files.writeString(tasks.resolve(tid).resolve("comm"), name + "\n");
    }
}
