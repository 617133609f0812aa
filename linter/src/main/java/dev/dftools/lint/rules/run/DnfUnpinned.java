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
 * {@code dnf install tomcat} (or microdnf, dnf5): each package needs a version
 * ({@code tomcat-9.0.87}), possibly through a variable the Dockerfile defines;
 * {@code dnf module install} needs a stream. Groups ({@code dnf group install}, {@code @group})
 * are not packages and are left alone.
 */
@RuleInfo(code = "DF3041", slug = "dnf-unpinned", severity = Severity.WARNING,
        summary = "A package in dnf install has no pinned version.", aliases = {"DL3041"},
        tags = {"packages", "dnf", "reproducibility"})
public final class DnfUnpinned implements InstructionRule, StageInflow {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run)) {
            return;
        }
        for (SimpleCommand c : analysis.commands(run)) {
            if (c.isNamed(DnfMissingYes.TOOLS)) {
                RpmCommands.reportUnpinned(analysis, run, c, PackageManagers.RPM_VALUE_FLAGS, c.nameValue()
                        .substring(c.nameValue().lastIndexOf('/') + 1), out);
            }
        }
    }

    /** Variables from outside the stage count as pins: the ARGs declared before it, the ENV it inherits. */
    @Override
    public Object inflow(Analysis analysis, @Nullable Stage stage) {
        return InheritedVariables.names(analysis, stage);
    }
}
