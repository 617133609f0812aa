package dev.dftools.sim.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/** Keeps the last N output lines (both streams, in arrival order) for error messages. */
final class OutputTail {
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
