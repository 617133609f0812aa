package dev.dftools.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.sandbox.OutputSink;

import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

    private static Step step() throws Exception {
        return Planner.plan(Dockerfiles.parse("FROM scratch\n\nRUN make   all\n"), PlanOptions.defaults("Dockerfile"))
                .steps().get(0);
    }

    @Test
    void terminalRedrawsOneStatusLineAndPrintsOutputAboveIt() throws Exception {
        StringWriter sw = new StringWriter();
        try (ProgressPrinter p = new ProgressPrinter(new PrintWriter(sw), true)) {
            p.started(2, 5, "build", step());
            p.line(OutputSink.Stream.STDOUT, "compiling");
            p.finished(2, 5, step(), false, Duration.ofMillis(1500));
        }
        String out = sw.toString();
        assertTrue(out.contains("\r\033[K[2/5] line 3 RUN make all"), out);
        assertTrue(out.contains("\r\033[Kcompiling\n"), "output clears the status line first: " + out);
        assertTrue(out.contains("[2/5] line 3 RUN make all  done 1.5s\n"), out);
    }

    @Test
    void plainLinesWhenNotATerminal() throws Exception {
        StringWriter sw = new StringWriter();
        try (ProgressPrinter p = new ProgressPrinter(new PrintWriter(sw), false)) {
            p.started(1, 1, "0", step());
            p.line(OutputSink.Stream.STDERR, "warning: x");
            p.finished(1, 1, step(), true, Duration.ZERO);
        }
        assertEquals("#1/1 [0] line 3: RUN make all\nwarning: x\n#1/1 CACHED\n", sw.toString().replace("\r\n", "\n"));
    }
}
