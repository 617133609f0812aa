package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Locale;
import java.util.Set;

/**
 * EXPOSE words BuildKit cannot parse, which fail the build: an unknown protocol, a missing or
 * non-numeric port, a range that ends before it starts. (Ports above 65535 are DF5010's.)
 */
@RuleInfo(code = "DF5013", slug = "expose-invalid-port", severity = Severity.ERROR,
        summary = "An EXPOSE port is not a port number, range or known protocol; BuildKit refuses the build.",
        tags = {"expose", "buildkit-error"})
public final class ExposeInvalidPort implements InstructionRule, StageLocal {

    private static final Set<String> PROTOCOLS = Set.of("", "tcp", "udp", "sctp");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        for (ExposeSpec spec : ExposeSpec.of(instruction)) {
            if (spec.port().isEmpty()) {
                out.report(spec.word().range(), "invalid port: \"" + spec.text() + "\": no port specified");
            } else if (!PROTOCOLS.contains(spec.proto().toLowerCase(Locale.ROOT))) {
                out.report(spec.range(spec.protoStart(), spec.text().length(), analysis.dockerfile().lines()),
                        "invalid port: \"" + spec.text() + "\": invalid proto: " + spec.proto()
                                + " (use tcp, udp or sctp)");
            } else if (!validRange(spec.port())) {
                out.report(spec.range(spec.portStart(), spec.portEnd(), analysis.dockerfile().lines()),
                        "invalid containerPort: " + spec.port());
            } else if (spec.portStart() > 0 && !validRange(spec.hostPort())) {
                out.report(spec.range(spec.hostStart(), spec.hostEnd(), analysis.dockerfile().lines()),
                        "invalid hostPort: " + spec.hostPort());
            }
        }
    }

    /** {@code N} or {@code N-M} with M not below N; bounds above 65535 are left to DF5010. */
    private static boolean validRange(String ports) {
        if (ports.isEmpty()) {
            return false;
        }
        int dash = ports.indexOf('-');
        String start = dash < 0 ? ports : ports.substring(0, dash);
        String end = dash < 0 ? start : ports.substring(dash + 1);
        if (!start.matches("\\d+") || !end.matches("\\d+")) {
            return false;
        }
        if (start.length() > 6 || end.length() > 6) {
            return true;
        }
        return start.equals(end) || Long.parseLong(end) >= Long.parseLong(start);
    }
}
