package dev.dftools.sim.build;

import java.time.Duration;

import dev.dftools.sim.plan.Step;

/** Told when each step of a build starts and ends (from the building thread). */
public interface BuildProgress {

    /** Step {@code number} of {@code total} (1-based, over every step that shows in a history) starts. */
    void started(int number, int total, String stage, Step step);

    /** It ended: taken from the layer cache, or executed in {@code elapsed}. */
    void finished(int number, int total, Step step, boolean cached, Duration elapsed);

    /** Nothing is shown. */
    BuildProgress NONE = new BuildProgress() {
        @Override
        public void started(int number, int total, String stage, Step step) {
        }

        @Override
        public void finished(int number, int total, Step step, boolean cached, Duration elapsed) {
        }
    };
}
