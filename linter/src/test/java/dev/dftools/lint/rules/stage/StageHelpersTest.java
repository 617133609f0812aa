package dev.dftools.lint.rules.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageHelpersTest {

    @Test
    void platformsAreNormalisedLikeContainerd() {
        assertEquals(Optional.of(new ConstantPlatformFlag.Platform("linux", "arm64")),
                ConstantPlatformFlag.parse("linux/aarch64"));
        assertEquals(Optional.of(new ConstantPlatformFlag.Platform("linux", "amd64")),
                ConstantPlatformFlag.parse("linux"));
        assertEquals(Optional.of(new ConstantPlatformFlag.Platform("linux", "arm")),
                ConstantPlatformFlag.parse("armhf"));
        assertEquals(Optional.of(new ConstantPlatformFlag.Platform("linux", "arm")),
                ConstantPlatformFlag.parse("linux/arm/v7"));
        assertFalse(ConstantPlatformFlag.parse("nonsense").isPresent());
        assertFalse(ConstantPlatformFlag.parse("linux/amd64/v2/x").isPresent());
        assertFalse(ConstantPlatformFlag.parse("linux//amd64").isPresent());
    }

    @Test
    void suggestionsAreCloseNamesOnly() {
        Set<String> known = Set.of("VERSION", "BUILDPLATFORM", "TARGETARCH");
        assertEquals(Optional.of("VERSION"), UndefinedArgInFrom.suggest("VERSON", known));
        assertEquals(Optional.of("VERSION"), UndefinedArgInFrom.suggest("version", known));
        assertEquals(Optional.of("TARGETARCH"), UndefinedArgInFrom.suggest("TARGETARHC", known));
        assertEquals(Optional.empty(), UndefinedArgInFrom.suggest("IMAGE", known));
        assertEquals(Optional.empty(), UndefinedArgInFrom.suggest("X", known));
    }

    @Test
    void fromArgsExpandGlobalDefaultsInOrderWithPlatformArgs() {
        FromArgs args = FromArgs.of(Dockerfiles.parse(
                "ARG REG=example.com\nARG IMAGE=${REG}/app\nARG TAG\nFROM ${IMAGE}:${TAG:-1}\nARG LATE=x\n"));
        assertEquals("example.com/app:1", args.expand("${IMAGE}:${TAG:-1}").orElseThrow().value());
        assertEquals("linux/amd64", args.env().get("TARGETPLATFORM"));
        assertTrue(args.declared().contains("TAG"));
        assertFalse(args.declared().contains("LATE"));
        assertTrue(args.knownNames().contains("BUILDARCH"));
    }
}
