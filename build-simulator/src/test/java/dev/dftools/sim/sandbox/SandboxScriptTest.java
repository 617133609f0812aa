package dev.dftools.sim.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxScriptTest {
    private static final HostTools TOOLS = new HostTools("/usr/bin/unshare", "/usr/bin/setsid", "/usr/bin/setpriv", "/usr/bin/env",
            "/bin/sh", "/usr/bin/kill");
    private static final Path RUN = Path.of("/tmp/runs/run-1");

    private static RunSpec spec(RunCommand command) {
        return RunSpec.of(List.of(Path.of("/l0"), Path.of("/l1")), Path.of("/u"), Path.of("/w"), command);
    }

    @Test
    void hostNetworkSharesTheNetnsAndNoneIsolatesIt() {
        List<String> host = SandboxScript.argv(TOOLS, spec(RunCommand.shell("true")), ResolvedUser.ROOT, RUN);
        assertEquals(List.of("/usr/bin/setsid", "/usr/bin/setpriv", "--pdeathsig", "KILL", "/usr/bin/unshare",
                "--mount", "--pid", "--fork", "--kill-child", "--uts", "--ipc", "--propagation", "private", "/bin/sh",
                "-c"), host.subList(0, 15));
        assertFalse(host.contains("--net"));
        List<String> none = SandboxScript.argv(TOOLS, spec(RunCommand.shell("true")).withNetwork(Network.NONE),
                ResolvedUser.ROOT, RUN);
        assertEquals("--net", none.get(11));
    }

    @Test
    void execArgvClearsEnvChrootsAndSwitchesUser() {
        RunSpec s = spec(RunCommand.shell("echo $A")).withEnv(Map.of("A", "b c")).withWorkingDir("/app");
        List<String> argv = SandboxScript.execArgv(TOOLS, s, new ResolvedUser(1000, 100, "/home/u"), RUN);
        assertEquals(List.of("/usr/bin/env", "-i",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/home/u", "A=b c",
                "/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=" + SandboxScript.STEP_CAPABILITIES, "--",
                "/usr/bin/unshare", "--root=/c", "--wd=/app", "--setgid=100", "--setuid=1000",
                "--", "/bin/sh", "-c", "echo $A"), argv);
    }

    @Test
    void imageEnvOverridesTheDefaults() {
        RunSpec s = spec(RunCommand.exec(List.of("x"))).withEnv(Map.of("PATH", "/opt/bin", "HOME", "/h"));
        assertEquals(Map.of("PATH", "/opt/bin", "HOME", "/h"), SandboxScript.stepEnv(s, ResolvedUser.ROOT));
    }

    @Test
    void shellAndExecForms() {
        assertEquals(List.of("/bin/sh", "-c", "a && b"), RunCommand.shell("a && b").argv());
        assertTrue(RunCommand.shell("a").shellForm());
        assertEquals(List.of("/bin/bash", "-o", "pipefail", "-c", "a | b"),
                RunCommand.shell(List.of("/bin/bash", "-o", "pipefail", "-c"), "a | b").argv());
        RunCommand exec = RunCommand.exec(List.of("/bin/echo", "$HOME"));
        assertFalse(exec.shellForm());
        assertEquals(List.of("/bin/echo", "$HOME"), exec.argv());
        assertThrows(IllegalArgumentException.class, () -> RunCommand.exec(List.of()));
    }

    @Test
    void lowerdirsAreTopFirstAndShort() {
        assertEquals("l/2:l/1:l/0", SandboxScript.lowerOption(3));
        assertEquals("l/0", SandboxScript.lowerOption(1));
        assertTrue(SandboxScript.lowerOption(200).length() < 4096);
    }

    @Test
    void setupEnvCarriesTheParameters() {
        Map<String, String> env = SandboxScript.setupEnv(spec(RunCommand.shell("true")).withNetwork(Network.NONE)
                .withWorkingDir("/a b"), RUN, "l/1:l/0");
        assertEquals("none", env.get("DFSIM_NET"));
        assertEquals("/a b", env.get("DFSIM_WD"));
        assertEquals("l/1:l/0", env.get("DFSIM_LOWER"));
        assertEquals("/u", env.get("DFSIM_UPPER"));
        assertEquals(RUN.toString(), env.get("DFSIM_RUN"));
    }

    @Test
    void specValidation() {
        RunSpec s = spec(RunCommand.shell("true"));
        assertEquals("/", s.workingDir());
        assertThrows(IllegalArgumentException.class, () -> s.withWorkingDir("relative"));
        assertThrows(IllegalArgumentException.class, () -> s.withWorkingDir("/a/../../etc"));
        assertThrows(IllegalArgumentException.class, () -> s.withEnv(Map.of("A=B", "c")));
        assertThrows(IllegalArgumentException.class, () -> s.withTimeout(Duration.ZERO));
    }

    @Test
    void failureMessageNamesTheCauseAndTheLastLines() {
        RunResult r = new RunResult(2, false, Duration.ofMillis(5), List.of("a", "b"), List.of());
        assertEquals("RUN exited with code 2; last output:\n  a\n  b", r.failureMessage());
        assertTrue(new RunResult(137, true, Duration.ofSeconds(1), List.of(), List.of()).failureMessage()
                .startsWith("RUN timed out after 1000 ms"));
    }
}
