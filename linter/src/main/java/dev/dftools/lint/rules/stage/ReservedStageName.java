package dev.dftools.lint.rules.stage;

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
 * {@code FROM x AS scratch} / {@code AS context}: these names already mean the empty image and the
 * build context. hadolint (DL3063) and BuildKit (ReservedStageName) agree; one rule. Any case
 * counts, as BuildKit lower-cases stage names.
 */
@RuleInfo(code = "DF2007", slug = "reserved-stage-name", severity = Severity.WARNING,
        summary = "A stage is named 'scratch' or 'context', names that already mean something else.",
        aliases = {"DL3063", "ReservedStageName"}, tags = {"stages"})
public final class ReservedStageName implements InstructionRule, StageLocal {

    private static final Set<String> RESERVED = Set.of("scratch", "context");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (instruction instanceof Instruction.From from && from.stageName() != null) {
            String name = from.stageName().value().toLowerCase(Locale.ROOT);
            if (RESERVED.contains(name)) {
                out.report(from.stageName().range(),
                        "Stage name should not use the same name as reserved stage \"" + name + "\"");
            }
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
