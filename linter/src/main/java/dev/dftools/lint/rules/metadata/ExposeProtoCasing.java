package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.Locale;
import java.util.Set;

/** {@code EXPOSE 80/TCP}: BuildKit lower-cases the protocol anyway and warns about it. */
@RuleInfo(code = "DF5011", slug = "expose-protocol-casing", severity = Severity.WARNING,
        summary = "The protocol of an EXPOSE port should be lower case.", aliases = {"ExposeProtoCasing"},
        tags = {"expose", "style", "buildkit"})
public final class ExposeProtoCasing implements InstructionRule, StageLocal {

    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        for (ExposeSpec spec : ExposeSpec.of(instruction)) {
            String proto = spec.proto();
            String lower = proto.toLowerCase(Locale.ROOT);
            if (PROTOCOLS.contains(lower) && !proto.equals(lower)) {
                SourceRange range = spec.range(spec.protoStart(), spec.text().length(), analysis.dockerfile().lines());
                Fix fix = range.length() == proto.length() ? Fix.of("Write '" + lower + "'", new TextEdit(range, lower))
                        : null;
                out.report(range, "Defined protocol '" + spec.text() + "' in EXPOSE instruction should be lowercase",
                        fix);
            }
        }
    }
}
