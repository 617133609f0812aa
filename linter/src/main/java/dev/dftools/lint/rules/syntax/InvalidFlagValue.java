package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A known flag with a value BuildKit rejects: a boolean flag with {@code =maybe} or {@code =},
 * a string flag without {@code =value}, a repeated single-valued flag, {@code RUN --network} /
 * {@code --security} outside their choices, and HEALTHCHECK durations and retries Go cannot parse.
 * ({@code --mount} values have their own rule, DF1013.)
 */
@RuleInfo(code = "DF1011", slug = "invalid-flag-value", severity = Severity.ERROR,
        summary = "A flag's value is missing, repeated or of the wrong type; BuildKit refuses the build.",
        tags = {"syntax", "buildkit-error"})
public final class InvalidFlagValue implements InstructionRule, StageLocal {

    private static final Set<String> NETWORKS = Set.of("default", "none", "host");
    private static final Set<String> SECURITY = Set.of("sandbox", "insecure");
    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "start-period", "start-interval");
    private static final double MIN_DURATION_NANOS = 1e6;

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Optional<Map<String, BuildKitFlags.Type>> declared = BuildKitFlags.declared(instruction, analysis.dockerfile());
        if (declared.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Flag flag : instruction.flags()) {
            BuildKitFlags.Type type = declared.get().get(flag.name());
            if (type == null) {
                continue; // unknown flags are DF1010's
            }
            String shown = "--" + flag.name();
            if (!seen.add(flag.name()) && type != BuildKitFlags.Type.LIST) {
                out.report(flag.range(), "duplicate flag specified: " + shown);
                continue;
            }
            String value = flag.value();
            SourceRange valueRange = flag.valueRange() != null ? flag.valueRange() : flag.range();
            if (type == BuildKitFlags.Type.BOOL) {
                if (value != null && value.isEmpty()) {
                    out.report(flag.range(), "missing a value on flag: " + shown);
                } else if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    out.report(valueRange, "expecting boolean value for flag " + shown + ", not: " + value);
                }
                continue;
            }
            if (value == null) {
                out.report(flag.range(), "missing a value on flag: " + shown + " (write " + shown + "=VALUE)");
                continue;
            }
            checkValue(instruction, flag, value, valueRange, out);
        }
    }

    private static void checkValue(Instruction instruction, Flag flag, String value, SourceRange range, Findings out) {
        if (instruction instanceof Instruction.Run) {
            if (flag.name().equals("network") && !NETWORKS.contains(value)) {
                out.report(range, "invalid network mode \"" + value + "\" (use default, none or host)");
            } else if (flag.name().equals("security") && !SECURITY.contains(value)) {
                out.report(range, "security \"" + value + "\" is not valid (use sandbox or insecure)");
            }
        } else if (instruction instanceof Instruction.Healthcheck && !value.isEmpty()) {
            if (DURATIONS.contains(flag.name())) {
                OptionalDouble nanos = GoValues.duration(value);
                if (nanos.isEmpty()) {
                    out.report(range, "time: invalid duration \"" + value + "\" (e.g. 30s, 1m30s, 500ms)");
                } else if (nanos.getAsDouble() != 0 && nanos.getAsDouble() < MIN_DURATION_NANOS) {
                    out.report(range, "Interval \"" + flag.name() + "\" cannot be less than 1ms");
                }
            } else if (flag.name().equals("retries")) {
                Long retries = GoValues.int32(value);
                if (retries == null) {
                    out.report(range, "strconv.ParseInt: parsing \"" + value + "\": invalid syntax (--retries "
                            + "needs a whole number)");
                } else if (retries < 0) {
                    out.report(range, "--retries cannot be negative (" + retries + ")");
                }
            }
        }
    }
}
