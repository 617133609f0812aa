package dev.dftools.sim.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** RunMount's checks and how the mounts travel to the setup script (environment, never the script text). */
class RunMountTest {

    @Test
    void targetsMustBeAbsoluteWithoutDotDotAndOptionsPlain() {
        assertThrows(IllegalArgumentException.class, () -> RunMount.bind(Path.of("/x"), "rel/path", true));
        assertThrows(IllegalArgumentException.class, () -> RunMount.bind(Path.of("/x"), "/a/../etc", true));
        assertThrows(IllegalArgumentException.class, () -> RunMount.tmpfs("/t", "size=1m;reboot"));
        assertThrows(IllegalArgumentException.class, () -> new RunMount(RunMount.Type.TMPFS, Path.of("/x"), "/t", false, ""));
    }

    @Test
    void mountsTravelAsNumberedEnvironmentVariables() {
        RunSpec spec = RunSpec.of(List.of(), Path.of("/w/up"), Path.of("/w/work"), RunCommand.shell("true"))
                .withMounts(List.of(RunMount.bind(Path.of("/cache/a b"), "/root/.cache", false),
                        RunMount.tmpfs("/scratch", "size=64m")));
        Map<String, String> env = SandboxScript.setupEnv(spec, Path.of("/w/run"), "l/0");
        assertEquals("2", env.get("DFSIM_MOUNTS"));
        assertEquals(List.of("bind", "/cache/a b", "/root/.cache", "rw", ""),
                List.of(env.get("DFSIM_MT_0"), env.get("DFSIM_MS_0"), env.get("DFSIM_MD_0"), env.get("DFSIM_MR_0"),
                        env.get("DFSIM_MO_0")));
        assertEquals(List.of("tmpfs", "", "/scratch", "size=64m"),
                List.of(env.get("DFSIM_MT_1"), env.get("DFSIM_MS_1"), env.get("DFSIM_MD_1"), env.get("DFSIM_MO_1")));
        assertEquals("0", SandboxScript.setupEnv(RunSpec.of(List.of(), Path.of("/u"), Path.of("/w"),
                RunCommand.shell("true")), Path.of("/r"), "l/0").get("DFSIM_MOUNTS"));
    }
}
