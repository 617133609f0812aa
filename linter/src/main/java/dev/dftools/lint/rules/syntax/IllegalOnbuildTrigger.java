package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Node;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Locale;

/** {@code ONBUILD ONBUILD}, {@code ONBUILD FROM} and {@code ONBUILD MAINTAINER}: BuildKit refuses all three. */
@RuleInfo(code = "DF1005", slug = "illegal-onbuild-trigger", severity = Severity.ERROR,
        summary = "ONBUILD cannot wrap ONBUILD, FROM or MAINTAINER.", aliases = {"DL3043"},
        tags = {"syntax", "buildkit-error"})
public final class IllegalOnbuildTrigger implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Onbuild onbuild) || onbuild.node().trigger() == null) {
            return;
        }
        Node trigger = onbuild.node().trigger();
        String name = trigger.keyword().value().toUpperCase(Locale.ROOT);
        switch (name) {
            case "ONBUILD" -> out.report(trigger.keyword().range(),
                    "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "FROM", "MAINTAINER" -> out.report(trigger.keyword().range(),
                    name + " isn't allowed as an ONBUILD trigger");
            default -> {
            }
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
