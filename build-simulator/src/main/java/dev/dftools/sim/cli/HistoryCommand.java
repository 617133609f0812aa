package dev.dftools.sim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.dftools.sim.report.TableRenderer;
import dev.dftools.sim.store.HistoryLine;
import dev.dftools.sim.store.StoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dfsim history NAME}: the image's history newest first, like {@code docker history}:
 * when, what created it, the layer's size (the uncompressed tar, 0 B for metadata lines) and the comment.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show the history of an image in the store (newest first), like docker history.")
final class HistoryCommand implements Callable<Integer> {
    private static final int CREATED_BY_WIDTH = 45;

    @Parameters(index = "0", paramLabel = "NAME", description = "Image name in the store.")
    private String name;

    @Option(names = "--no-trunc", description = "Do not shorten CREATED BY.")
    private boolean noTrunc;

    @Option(names = {"-H", "--human"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Sizes and dates for people (default); --no-human prints bytes and RFC 3339 times.")
    private boolean human = true;

    @CommandLine.Mixin
    private Dfsim.StoreOption store;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            List<HistoryLine> lines = new ArrayList<>(store.open().history(name));
            java.util.Collections.reverse(lines);
            out.printf(Locale.ROOT, "%-14s  %-" + CREATED_BY_WIDTH + "s  %10s  %s%n", "CREATED", "CREATED BY", "SIZE",
                    "COMMENT");
            Instant now = Instant.now();
            for (HistoryLine l : lines) {
                String by = l.createdBy().replaceAll("\\s+", " ").trim();
                if (!noTrunc && by.length() > CREATED_BY_WIDTH) {
                    by = by.substring(0, CREATED_BY_WIDTH - 3) + "...";
                }
                String size = human ? TableRenderer.bytes(l.size()) : Long.toString(l.size());
                out.printf(Locale.ROOT, "%-14s  %-" + CREATED_BY_WIDTH + "s  %10s  %s%n", created(l.created(), now),
                        by, size, l.comment() == null ? "" : l.comment());
            }
            return Dfsim.OK;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("dfsim: " + e.getMessage());
            return Dfsim.USAGE;
        }
    }

    private String created(String created, Instant now) {
        if (created == null) {
            return "<missing>";
        }
        if (!human) {
            return created;
        }
        try {
            Duration ago = Duration.between(Instant.parse(created), now);
            if (ago.isNegative() || ago.toMinutes() < 1) {
                return "just now";
            }
            if (ago.toHours() < 1) {
                return ago.toMinutes() + " min ago";
            }
            if (ago.toDays() < 1) {
                return ago.toHours() + " hours ago";
            }
            return ago.toDays() + " days ago";
        } catch (DateTimeParseException e) {
            return created;
        }
    }
}
