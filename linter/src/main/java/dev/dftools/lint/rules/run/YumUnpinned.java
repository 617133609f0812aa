package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.rules.InheritedVariables;
import org.eclipse.jdt.annotation.Nullable;

/**
 * {@code yum install tomcat}: each package needs a version ({@code tomcat-9.0.87},
 * {@code openssl-1:3.0.7}), possibly through a variable the Dockerfile defines
 * ({@code git-core-${version}}); {@code yum module install} needs a stream ({@code nodejs:20}).
 */
@RuleInfo(code = "DF3033", slug = "yum-unpinned", severity = Severity.WARNING,
        summary = "A package in yum install has no pinned version.", aliases = {"DL3033"},
        tags = {"packages", "yum", "reproducibility"})
public final class YumUnpinned implements InstructionRule, StageInflow {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (c.isNamed("yum")) {
                RpmCommands.reportUnpinned(analysis, run, c, PackageManagers.RPM_VALUE_FLAGS, "yum", out);
            }
        }
    }

    /** Variables from outside the stage count as pins: the ARGs declared before it, the ENV it inherits. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        return InheritedVariables.names(analysis, stage);
    }
}
