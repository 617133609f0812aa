package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/** A port above 65535 (alone or as a range bound); BuildKit fails the build on it too. */
@RuleInfo(code = "DF5010", slug = "expose-port-out-of-range", severity = Severity.ERROR,
        summary = "An EXPOSE port is outside 0-65535.", aliases = {"DL3011"}, tags = {"expose", "buildkit-error"})
public final class ExposePortOutOfRange implements InstructionRule, StageLocal {

    static final long MAX_PORT = 65535;

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        for (ExposeSpec spec : ExposeSpec.of(instruction)) {
            checkBounds(spec, spec.portStart(), spec.portEnd(), analysis, out);
            checkBounds(spec, spec.hostStart(), spec.hostEnd(), analysis, out);
        }
    }

    private static void checkBounds(ExposeSpec spec, int start, int end, Analysis analysis, Findings out) {
        String part = spec.text().substring(start, end);
        int dash = part.indexOf('-');
        checkNumber(spec, start, dash < 0 ? end : start + dash, analysis, out);
        if (dash >= 0) {
            checkNumber(spec, start + dash + 1, end, analysis, out);
        }
    }

    private static void checkNumber(ExposeSpec spec, int start, int end, Analysis analysis, Findings out) {
        String number = spec.text().substring(start, end);
        if (number.matches("\\d+") && (number.length() > 6 || Long.parseLong(number) > MAX_PORT)) {
            out.report(spec.range(start, end, analysis.dockerfile().lines()),
                    "Port " + number + " is out of range: valid ports are 0-65535");
        }
    }
}
