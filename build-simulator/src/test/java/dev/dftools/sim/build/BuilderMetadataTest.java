package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.image.ContainerConfig;
import dev.dftools.sim.image.Healthcheck;
import dev.dftools.sim.image.HistoryEntry;
import dev.dftools.sim.image.ImageConfig;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.store.ImageStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metadata instructions on FROM scratch (no sandbox): the image config fields and the history lines
 * BuildKit writes for them (frontend/dockerfile/dockerfile2llb/convert.go, dispatch* functions).
 */
class BuilderMetadataTest {
    @TempDir
    Path tmp;

    private ImageConfig build(String dockerfile, Map<String, String> buildArgs) throws Exception {
        ImageStore store = ImageStore.open(tmp.resolve("store"));
        var plan = Planner.plan(Dockerfiles.parse(dockerfile),
                PlanOptions.defaults("Dockerfile").withBuildArgs(buildArgs));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(),
                Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));
        return builder.build(new Builder.Request(plan, tmp, DockerIgnore.empty(), "Dockerfile", "localhost/m:1",
                Network.NONE)).image().config();
    }

    @Test
    void metadataGoesIntoTheConfigAndTheHistoryLikeBuildKit() throws Exception {
        ImageConfig c = build("""
                FROM scratch
                MAINTAINER Jane <jane@example.com>
                ARG VERSION=1.0
                ARG FLAVOUR
                LABEL org.opencontainers.image.version=$VERSION "two words"="a b"
                LABEL org.opencontainers.image.version=2.0
                VOLUME ["/data", "/logs"]
                VOLUME /cache
                EXPOSE 80 53/udp 8000-8001
                HEALTHCHECK --interval=1m30s --timeout=3s --retries=3 CMD wget -q -O- http://localhost/ || exit 1
                ONBUILD RUN echo triggered
                ONBUILD COPY . /app
                STOPSIGNAL SIGQUIT
                CMD echo $VERSION
                """, Map.of("FLAVOUR", "x"));
        ContainerConfig cc = c.config();
        assertEquals("Jane <jane@example.com>", c.author());
        assertEquals(Map.of("org.opencontainers.image.version", "2.0", "two words", "a b"), cc.labels());
        assertEquals(List.of("/cache", "/data", "/logs"), List.copyOf(cc.volumes().keySet()));
        assertEquals(List.of("53/udp", "80/tcp", "8000/tcp", "8001/tcp"), List.copyOf(cc.exposedPorts().keySet()));
        assertEquals(new Healthcheck(List.of("CMD-SHELL", "wget -q -O- http://localhost/ || exit 1"),
                90_000_000_000L, 3_000_000_000L, 0, 0, 3), cc.healthcheck());
        assertEquals(List.of("RUN echo triggered", "COPY . /app"), cc.onBuild());
        assertEquals(List.of("/bin/sh", "-c", "echo $VERSION"), cc.cmd());
        assertEquals(List.of(
                "MAINTAINER Jane <jane@example.com>",
                "ARG VERSION=1.0",
                "ARG FLAVOUR=x",
                "LABEL org.opencontainers.image.version=1.0 two words=a b",
                "LABEL org.opencontainers.image.version=2.0",
                "VOLUME [/data /logs]",
                "VOLUME [/cache]",
                "EXPOSE map[53/udp:{} 80/tcp:{} 8000/tcp:{} 8001/tcp:{}]",
                "HEALTHCHECK &{[\"CMD-SHELL\" \"wget -q -O- http://localhost/ || exit 1\"] \"1m30s\" \"3s\" \"0s\" \"0s\" '\\x03'}",
                "STOPSIGNAL SIGQUIT",
                "CMD [\"/bin/sh\" \"-c\" \"echo $VERSION\"]"),
                c.history().stream().map(HistoryEntry::createdBy).toList(), "ONBUILD writes no history line");
        String json = new String(c.toJson(), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"author\":\"Jane <jane@example.com>\""), json);
        assertEquals(true, json.contains("\"OnBuild\":[\"RUN echo triggered\",\"COPY . /app\"]"), json);
    }

    @Test
    void aBaseImagesOnbuildTriggersRunFirstInTheChildAndAreNotInherited() throws Exception {
        build("FROM scratch\nONBUILD LABEL from=trigger\nONBUILD ENV T=1\n", Map.of());
        ImageStore store = ImageStore.open(tmp.resolve("store"));
        String child = "FROM localhost/m:1\nLABEL own=yes\n";
        var options = PlanOptions.defaults("Dockerfile").withOnBuild(image -> {
            try {
                List<String> t = store.image(image).config().config().onBuild();
                return t == null ? List.of() : t;
            } catch (dev.dftools.sim.store.StoreException e) {
                return List.of();
            }
        });
        var plan = Planner.plan(Dockerfiles.parse(child), options);
        assertEquals(List.of(1, 1, 2), plan.steps().stream().map(s -> s.line()).toList(), "triggers carry the FROM line");
        ImageConfig c = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC())
                .build(new Builder.Request(plan, tmp, DockerIgnore.empty(), "Dockerfile", "localhost/child:1",
                        Network.NONE)).image().config();
        assertEquals(Map.of("from", "trigger", "own", "yes"), c.config().labels());
        assertEquals(List.of("T=1"), c.config().env().stream().filter(e -> e.startsWith("T=")).toList());
        assertNull(c.config().onBuild(), "the child does not inherit the triggers");
        assertEquals(List.of("LABEL from=trigger", "ENV T=1", "LABEL own=yes"),
                c.history().stream().map(HistoryEntry::createdBy).toList());
        var bad = PlanOptions.defaults("Dockerfile").withOnBuild(image -> List.of("FROM alpine"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.dftools.sim.plan.PlanException.class,
                () -> Planner.plan(Dockerfiles.parse(child), bad));
        assertEquals(true, e.getMessage().startsWith("Dockerfile:1:"), e.getMessage());
    }

    @Test
    void noMaintainerNoAuthor() throws Exception {
        ImageConfig c = build("FROM scratch\nHEALTHCHECK NONE\n", Map.of());
        assertNull(c.author());
        assertEquals(List.of("NONE"), c.config().healthcheck().test());
        assertEquals("HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" \"0s\" '\\x00'}", c.history().get(0).createdBy());
    }
}
