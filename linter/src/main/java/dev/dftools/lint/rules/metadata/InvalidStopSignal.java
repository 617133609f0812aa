package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * STOPSIGNAL names no Linux signal. BuildKit refuses a name it does not know ("invalid signal")
 * and the number 0; it accepts any other number, which the runtime then fails to send at
 * {@code docker stop}, so dflint also reports numbers outside 1-64. Names are matched like
 * BuildKit: case-insensitive, with or without {@code SIG}. Values with variables are skipped.
 */
@RuleInfo(code = "DF5217", slug = "invalid-stop-signal", severity = Severity.ERROR,
        summary = "STOPSIGNAL names a signal that does not exist.", tags = {"stopsignal"})
public final class InvalidStopSignal implements InstructionRule, StageLocal {

    /** Linux signal names, without SIG (the table BuildKit's signal parsing uses on Linux). */
    private static final Set<String> NAMES = names();

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.StopSignal stopSignal) || stopSignal.signal() == null) {
            return;
        }
        Word signal = stopSignal.signal();
        String value = WorkdirNotAbsolute.stripQuotes(signal.value());
        if (value.contains("$") || isValid(value)) {
            return;
        }
        out.report(signal.range(), "`" + value + "` is not a signal: use a name such as SIGTERM, SIGINT or "
                + "SIGQUIT, or a number from 1 to 64.");
    }

    static boolean isValid(String value) {
        if (value.matches("[0-9]+")) {
            try {
                int number = Integer.parseInt(value);
                return number >= 1 && number <= 64;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String upper = value.toUpperCase(Locale.ROOT);
        return NAMES.contains(upper.startsWith("SIG") ? upper.substring(3) : upper);
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL",
                "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS",
                "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
                "RTMIN", "RTMAX"));
        for (int i = 1; i <= 15; i++) {
            names.add("RTMIN+" + i);
        }
        for (int i = 1; i <= 14; i++) {
            names.add("RTMAX-" + i);
        }
        return Set.copyOf(names);
    }
}
