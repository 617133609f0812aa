package dev.dftools.sim.sandbox;

import java.util.ArrayList;
import java.util.List;

/** What a RUN executes: shell form (the SHELL plus the script) or exec form (argv as written). */
public record RunCommand(List<String> argv, boolean shellForm) {
    /** Docker's default SHELL on Linux. */
    public static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    public RunCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("RUN needs a command");
        }
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("RUN arguments cannot contain NUL characters");
            }
        }
    }

    public static RunCommand shell(String script) {
        return shell(DEFAULT_SHELL, script);
    }

    public static RunCommand shell(List<String> shell, String script) {
        List<String> argv = new ArrayList<>(shell);
        argv.add(script);
        return new RunCommand(argv, true);
    }

    public static RunCommand exec(List<String> argv) {
        return new RunCommand(argv, false);
    }
}
