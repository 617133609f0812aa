package dev.dftools.sim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.dftools.sim.build.BuildProgress;
import dev.dftools.sim.plan.Step;
import dev.dftools.sim.sandbox.OutputSink;

/**
 * The build's progress on stderr. On a terminal: one status line, {@code [3/7] line 12 RUN ...  4.2s},
 * redrawn every 100 ms, with the step's output printed above it. Otherwise plain lines, one when a
 * step starts and one when it ends, so logs stay readable.
 */
final class ProgressPrinter implements BuildProgress, OutputSink, AutoCloseable {
    private final PrintWriter err;
    private final boolean terminal;
    private final int width;
    private final ScheduledExecutorService ticker;
    private String status = "";
    private long startNanos;

    ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        int columns = 100;
        try {
            columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
        } catch (NumberFormatException e) {
            // keep the default
        }
        this.width = Math.max(40, columns - 1);
        this.ticker = terminal ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dfsim-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::redraw, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether stderr is most likely a terminal: the JVM has a console and TERM is not dumb. */
    static boolean stderrIsTerminal() {
        String term = System.getenv("TERM");
        java.io.Console console = System.console();
        if (console == null || term == null || term.equals("dumb")) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; it then says whether it is a terminal
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a console exists only when stdin and stdout are terminals
        }
    }

    @Override
    public synchronized void started(int number, int total, String stage, Step step) {
        startNanos = System.nanoTime();
        status = "[" + number + "/" + total + "] line " + step.line() + " " + oneLine(step.text());
        if (!terminal) {
            err.println("#" + number + "/" + total + " [" + stage + "] line " + step.line() + ": " + oneLine(step.text()));
        }
        redraw();
    }

    @Override
    public synchronized void finished(int number, int total, Step step, boolean cached, Duration elapsed) {
        String how = cached ? "CACHED" : String.format(Locale.ROOT, "done %.1fs", elapsed.toMillis() / 1000.0);
        if (terminal) {
            clear();
            err.println("[" + number + "/" + total + "] line " + step.line() + " " + fit(oneLine(step.text()), width - 20)
                    + "  " + how);
            status = "";
        } else {
            err.println("#" + number + "/" + total + " " + how);
        }
        err.flush();
    }

    @Override
    public synchronized void line(Stream stream, String line) {
        clear();
        err.println(line);
        redraw();
    }

    private synchronized void redraw() {
        if (!terminal || status.isEmpty()) {
            return;
        }
        String elapsed = String.format(Locale.ROOT, "  %.1fs", (System.nanoTime() - startNanos) / 1e9);
        err.print("\r\033[K" + fit(status, width - elapsed.length()) + elapsed);
        err.flush();
    }

    private void clear() {
        if (terminal && !status.isEmpty()) {
            err.print("\r\033[K");
        }
    }

    private static String fit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
        err.flush();
    }
}
