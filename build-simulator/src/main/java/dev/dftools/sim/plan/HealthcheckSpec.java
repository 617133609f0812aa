package dev.dftools.sim.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dftools.grammar.ast.Command;
import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;

/**
 * A HEALTHCHECK as BuildKit parses it: {@code NONE} gives test {@code ["NONE"]}, shell form
 * {@code ["CMD-SHELL", script]}, exec form {@code ["CMD", args...]}; durations in nanoseconds (0 =
 * the default), Go duration syntax ({@code 30s}, {@code 1m30s}, {@code 500ms}).
 */
public record HealthcheckSpec(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
        int retries) {

    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

    public HealthcheckSpec {
        test = List.copyOf(test);
    }

    /** Parses the instruction; the message of the exception says what is wrong. */
    public static HealthcheckSpec parse(Instruction.Healthcheck h) {
        String type = h.type() == null ? "" : h.type().value().toUpperCase(Locale.ROOT);
        List<String> test = new ArrayList<>();
        if (type.equals("NONE")) {
            test.add("NONE");
            return new HealthcheckSpec(test, 0, 0, 0, 0, 0);
        }
        if (!type.equals("CMD")) {
            throw new IllegalArgumentException("HEALTHCHECK needs CMD or NONE");
        }
        if (h.command() instanceof Command.ExecForm exec) {
            test.add("CMD");
            exec.args().stream().map(Word::value).forEach(test::add);
        } else if (h.command() instanceof Command.ShellForm shell) {
            test.add("CMD-SHELL");
            test.add(shell.script().value());
        } else {
            throw new IllegalArgumentException("HEALTHCHECK CMD needs a command");
        }
        int retries = 0;
        var r = h.flag("retries");
        if (r.isPresent() && r.get().value() != null) {
            try {
                retries = Integer.parseInt(r.get().value());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--retries must be a number: " + r.get().value());
            }
            if (retries < 0) {
                throw new IllegalArgumentException("--retries cannot be negative");
            }
        }
        return new HealthcheckSpec(test, duration(h, "interval"), duration(h, "timeout"), duration(h, "start-period"),
                duration(h, "start-interval"), retries);
    }

    private static long duration(Instruction h, String name) {
        var flag = h.flag(name);
        if (flag.isEmpty() || flag.get().value() == null) {
            return 0;
        }
        Flag f = flag.get();
        long nanos = parseDuration(f.value());
        if (nanos != 0 && nanos < 1_000_000L) {
            throw new IllegalArgumentException("--" + name + " cannot be less than 1ms");
        }
        return nanos;
    }

    /** Go's time.ParseDuration (no sign). */
    public static long parseDuration(String s) {
        if (s.equals("0")) {
            return 0;
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        BigDecimal total = BigDecimal.ZERO;
        while (at < s.length() && m.find(at) && m.start() == at && !m.group(1).isEmpty() && !m.group(1).equals(".")) {
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (at != s.length() || s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\" (use e.g. 30s, 1m30s, 500ms)");
        }
        return total.longValue();
    }

    /** BuildKit's history line: {@code HEALTHCHECK %q} of the config struct. */
    public String createdBy() {
        return "HEALTHCHECK &{" + GoFormat.quoteList(test) + " " + GoFormat.quote(GoFormat.duration(interval)) + " "
                + GoFormat.quote(GoFormat.duration(timeout)) + " " + GoFormat.quote(GoFormat.duration(startPeriod)) + " "
                + GoFormat.quote(GoFormat.duration(startInterval)) + " " + GoFormat.quoteRune(retries) + "}";
    }
}
