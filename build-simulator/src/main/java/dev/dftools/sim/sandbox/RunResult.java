package dev.dftools.sim.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * How a RUN step ended. {@code createdStubs} are the mount points (absolute image paths) the sandbox
 * had to create because the image lacked them; they were removed from the upper dir again when still
 * empty, and a layer converter should skip them in any case.
 */
public record RunResult(int exitCode, boolean timedOut, Duration elapsed, List<String> lastLines,
                        List<String> createdStubs) {
    public RunResult {
        lastLines = List.copyOf(lastLines);
        createdStubs = List.copyOf(createdStubs);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** One message for a failed step: why it failed and the last lines it printed. */
    public String failureMessage() {
        String why = timedOut
                ? "timed out after " + elapsed.toMillis() + " ms and was killed"
                : "exited with code " + exitCode;
        if (lastLines.isEmpty()) {
            return "RUN " + why + " (no output)";
        }
        return "RUN " + why + "; last output:\n  " + String.join("\n  ", lastLines);
    }
}
