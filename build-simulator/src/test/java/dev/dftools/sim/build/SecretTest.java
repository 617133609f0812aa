package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void parsesDockerBuildSecretSyntax() {
        assertEquals(new Secret("npm", Path.of("/home/u/.npmrc"), null), Secret.parse("id=npm,src=/home/u/.npmrc"));
        assertEquals(new Secret("tok", null, "GH_TOKEN"), Secret.parse("id=tok,env=GH_TOKEN"));
        assertEquals(new Secret("tok", null, "tok"), Secret.parse("id=tok"), "neither src nor env: the env var of the id");
        assertEquals(new Secret(".npmrc", Path.of("/x/.npmrc"), null), Secret.parse("source=/x/.npmrc"));
        assertThrows(IllegalArgumentException.class, () -> Secret.parse("id=x,colour=red"));
        assertThrows(IllegalArgumentException.class, () -> Secret.parse("env=X"));
    }
}
