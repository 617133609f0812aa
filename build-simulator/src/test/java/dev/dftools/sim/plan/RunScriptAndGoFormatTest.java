package dev.dftools.sim.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Instruction;

import org.junit.jupiter.api.Test;

/** RunScript (BuildKit's three heredoc forms), HealthcheckSpec and the Go formatting of history lines. */
class RunScriptAndGoFormatTest {

    private static RunScript script(String dockerfile) {
        Instruction.Run run = (Instruction.Run) Dockerfiles.parse(dockerfile).stages().get(0).instructions().get(0);
        return RunScript.of(((Command.ShellForm) run.command()).script().value(), run.heredocs());
    }

    @Test
    void heredocForms() {
        assertEquals(new RunScript("echo $A\n", null), script("FROM x\nRUN <<EOF\necho $A\nEOF\n"));
        assertEquals("echo tabs\n", script("FROM x\nRUN <<-EOF\n\t\techo tabs\n\tEOF\n").script());
        RunScript shebang = script("FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n");
        assertEquals("/dev/pipes/EOF", shebang.script());
        assertEquals("EOF", shebang.executable().name());
        assertEquals("python3 <<EOF\nprint(1)\nEOF", script("FROM x\nRUN python3 <<EOF\nprint(1)\nEOF\n").script());
        RunScript two = script("FROM x\nRUN cat <<-'A' > /a; cat <<B > /b\n\tx $V\nA\ny\nB\n");
        assertEquals("cat <<-'A' > /a; cat <<B > /b\n\tx $V\nA\ny\nB", two.script(), "the shell strips and expands");
        assertNull(two.executable());
        assertEquals(new RunScript("make", null), RunScript.of("make", List.of()));
    }

    @Test
    void goFormatting() {
        assertEquals("\"a \\\"b\\\"\\n\\tc\\x01\"", GoFormat.quote("a \"b\"\n\tc\u0001"));
        assertEquals("[\"/bin/sh\" \"-c\" \"echo é\"]", GoFormat.quoteList(List.of("/bin/sh", "-c", "echo é")));
        assertEquals("[/a /b]", GoFormat.list(List.of("/a", "/b")));
        assertEquals("'\\x03'", GoFormat.quoteRune(3));
        assertEquals("'a'", GoFormat.quoteRune('a'));
        assertEquals("0s", GoFormat.duration(0));
        assertEquals("1.5s", GoFormat.duration(1_500_000_000L));
        assertEquals("500ms", GoFormat.duration(500_000_000L));
        assertEquals("1m30s", GoFormat.duration(90_000_000_000L));
        assertEquals("1h0m0s", GoFormat.duration(3_600_000_000_000L));
        assertEquals("2.5µs", GoFormat.duration(2_500L));
    }

    @Test
    void durationsAndHealthcheckErrors() {
        assertEquals(90_000_000_000L, HealthcheckSpec.parseDuration("1m30s"));
        assertEquals(1_500_000_000L, HealthcheckSpec.parseDuration("1.5s"));
        assertEquals(0, HealthcheckSpec.parseDuration("0"));
        assertThrows(IllegalArgumentException.class, () -> HealthcheckSpec.parseDuration("30"));
        assertThrows(IllegalArgumentException.class, () -> HealthcheckSpec.parseDuration("5x"));
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(
                Dockerfiles.parse("FROM scratch\nHEALTHCHECK --interval=10us CMD true\n"), PlanOptions.defaults("Dockerfile")));
        assertEquals(true, e.getMessage().contains("Dockerfile:2") && e.getMessage().contains("less than 1ms"),
                e.getMessage());
        HealthcheckSpec exec = HealthcheckSpec.parse((Instruction.Healthcheck) Dockerfiles.parse(
                "FROM x\nHEALTHCHECK --start-period=5s CMD [\"curl\", \"-f\", \"x\"]\n").stages().get(0).instructions().get(0));
        assertEquals(List.of("CMD", "curl", "-f", "x"), exec.test());
        assertEquals("HEALTHCHECK &{[\"CMD\" \"curl\" \"-f\" \"x\"] \"0s\" \"0s\" \"5s\" \"0s\" '\\x00'}", exec.createdBy());
    }
}
