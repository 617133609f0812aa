package dev.dftools.sim.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.dftools.grammar.Dockerfiles;

import org.junit.jupiter.api.Test;

class PlannerTest {

    private static BuildPlan plan(String text, Map<String, String> args, String target) throws PlanException {
        return Planner.plan(Dockerfiles.parse(text),
                new PlanOptions("Dockerfile", args, target, "linux/amd64"));
    }

    @Test
    void targetBuildsOnlyTheStagesItNeeds() throws PlanException {
        String df = """
                FROM alpine AS base
                RUN echo base
                FROM base AS unused
                RUN echo unused
                FROM busybox AS tools
                RUN echo tools
                FROM base AS app
                COPY --from=tools /bin/x /x
                FROM scratch AS last
                """;
        BuildPlan plan = plan(df, Map.of(), "app");
        assertEquals(List.of(0, 2, 3), plan.stages().stream().map(StagePlan::index).toList());
        assertEquals("app", plan.target().name());
        assertEquals(0, plan.target().baseStage());
        assertEquals(2, plan.target().steps().get(0).copy().fromStage());
        assertEquals(List.of(0, 1, 2), plan.steps().stream().map(Step::index).toList());
        assertEquals("alpine", plan.stages().get(0).baseImage());
    }

    @Test
    void copyFromIndexAndDefaultTargetIsLast() throws PlanException {
        BuildPlan plan = plan("FROM alpine\nRUN true\nFROM scratch\nCOPY --from=0 /a /b\n", Map.of(), null);
        assertEquals(2, plan.stages().size());
        assertEquals(0, plan.steps().get(1).copy().fromStage());
    }

    @Test
    void globalArgsSeenInFromAndInStageOnlyWhenRedeclared() throws PlanException {
        String df = """
                ARG VERSION=3.19
                ARG NAME
                FROM alpine:${VERSION}
                RUN echo $VERSION
                LABEL v=x${VERSION}
                ARG VERSION
                LABEL v=x${VERSION}
                """;
        BuildPlan plan = plan(df, Map.of("NAME", "n"), null);
        assertEquals("alpine:3.19", plan.target().baseImage());
        List<Step> steps = plan.steps();
        assertEquals("LABEL v=x", steps.get(1).text());
        assertEquals("LABEL v=x3.19", steps.get(3).text());
        assertEquals(Map.of("VERSION", "3.19", "NAME", "n"), plan.globalArgs());
        // BuildKit writes an empty_layer history line for ARG
        assertEquals(StepEffect.METADATA, steps.get(2).effect());
        assertEquals("ARG VERSION=3.19", steps.get(2).createdBy()); // the global value, as BuildKit records it
    }

    @Test
    void buildArgOverridesDefaultsAndPlatformArgsNeedDeclaring() throws PlanException {
        String df = """
                FROM alpine
                ARG A=default
                ENV X=$A Y=$TARGETARCH
                ARG TARGETARCH
                ENV Z=$TARGETARCH
                """;
        List<Step> steps = plan(df, Map.of("A", "given"), null).steps();
        assertEquals("ENV X=given Y=", steps.get(1).text());
        assertEquals("ENV Z=amd64", steps.get(3).text());
        assertEquals("given", steps.get(3).env().get("X"));
    }

    @Test
    void envUsesValuesFromBeforeTheInstructionAndWinsOverArg() throws PlanException {
        String df = """
                FROM alpine
                ENV abc=hello
                ENV abc=bye def=$abc
                ARG abc=fromarg
                WORKDIR /srv/$abc
                WORKDIR sub
                USER ${def}
                COPY --chown=${def}:${def} a*.txt ./
                EXPOSE 80 $abc
                """.replace("EXPOSE 80 $abc", "EXPOSE 80 ${abc:+443}");
        List<Step> steps = plan(df, Map.of(), null).steps();
        assertEquals("ENV abc=bye def=hello", steps.get(1).text());
        assertEquals("/srv/bye", steps.get(3).workdir());
        assertEquals("/srv/bye/sub", steps.get(4).workdir());
        assertEquals(StepEffect.LAYER, steps.get(4).effect());
        assertEquals("hello", steps.get(5).user());
        CopySpec copy = steps.get(6).copy();
        assertEquals("hello:hello", copy.chown());
        assertEquals("/srv/bye/sub/", copy.destination());
        assertTrue(copy.fromContext());
        assertEquals("COPY --chown=hello:hello a*.txt /srv/bye/sub/", steps.get(6).text());
        assertEquals("EXPOSE 80 443", steps.get(7).text());
        assertEquals("EXPOSE map[443/tcp:{} 80/tcp:{}]", steps.get(7).createdBy());
        assertEquals(List.of("443/tcp", "80/tcp"), steps.get(7).values());
        assertEquals(StepEffect.METADATA, steps.get(7).effect());
    }

    @Test
    void runUsesShellForCreatedByAndExpandsMounts() throws PlanException {
        String df = """
                FROM alpine AS deps
                FROM alpine
                ARG CACHE=/root/.cache
                SHELL ["/bin/bash", "-c"]
                RUN --mount=type=cache,target=$CACHE --mount=type=bind,from=deps,target=/d make
                """;
        BuildPlan plan = plan(df, Map.of(), null);
        Step run = plan.steps().get(2);
        // the stage's build args prefix the command as BuildKit's runCommandString does
        assertEquals("RUN |1 CACHE=/root/.cache /bin/bash -c make # buildkit", run.createdBy());
        assertEquals("/root/.cache", run.mounts().get(0).options().get("target"));
        assertEquals(0, run.mounts().get(1).fromStage());
        assertEquals(2, plan.stages().size());
        assertTrue(run.createsLayer());
    }

    @Test
    void refusalsNameFileLineAndColumn() {
        var ssh = assertThrows(PlanException.class,
                () -> plan("FROM alpine\nRUN --mount=type=ssh git clone x\n", Map.of(), null));
        assertEquals("Dockerfile:2:5: RUN --mount=type=ssh is not supported (no SSH agent forwarding in dfsim)",
                ssh.getMessage());
        var git = assertThrows(PlanException.class,
                () -> plan("FROM alpine\nADD https://github.com/moby/buildkit.git /src\n", Map.of(), null));
        assertTrue(git.getMessage().startsWith("Dockerfile:2:5: ADD of a git repository"), git.getMessage());
        var fromVar = assertThrows(PlanException.class,
                () -> plan("FROM alpine\nCOPY --from=$X /a /b\n", Map.of(), null));
        assertTrue(fromVar.getMessage().startsWith("Dockerfile:2:6:"), fromVar.getMessage());
    }

    @Test
    void unknownTargetIsAClearError() {
        var e = assertThrows(PlanException.class,
                () -> plan("FROM alpine AS a\nFROM alpine AS b\n", Map.of(), "c"));
        assertEquals("Dockerfile: target stage \"c\" could not be found; stages: a, b", e.getMessage());
    }

    @Test
    void metadataStepsAreEmptyLayers() throws PlanException {
        List<Step> steps = plan("FROM alpine\nCMD [\"sh\"]\nLABEL a=b\n", Map.of(), null).steps();
        assertFalse(steps.get(0).createsLayer());
        assertEquals("CMD [\"sh\"]", steps.get(0).text());
        assertNull(steps.get(1).copy());
    }
}
