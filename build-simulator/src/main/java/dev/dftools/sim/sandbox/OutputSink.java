package dev.dftools.sim.sandbox;

/** Receives the step's output line by line while it runs; called from reader threads. */
@FunctionalInterface
public interface OutputSink {
    enum Stream { STDOUT, STDERR }

    void line(Stream stream, String line);

    static OutputSink discard() {
        return (stream, line) -> { };
    }
}
