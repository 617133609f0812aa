package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.rules.Parts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two download tools in one stage means two packages (and their libraries) where one does. As
 * hadolint: per stage, once both have been used, every RUN using either is reported (ONBUILD RUN
 * included). A document rule rather than a stage rule so that RUNs before any FROM (hadolint's
 * test snippets) are covered too.
 */
@RuleInfo(code = "DF3505", slug = "wget-and-curl", severity = Severity.WARNING,
        summary = "A stage uses both wget and curl; pick one.", aliases = {"DL4001"}, tags = {"run", "shell"})
public final class WgetAndCurl implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        Instruction.Run run = ShellFacts.runOf(instruction, true);
        if (run == null) {
            return;
        }
        List<SimpleCommand> tools = ShellFacts.commandsNamed(analysis, run, "wget", "curl");
        if (tools.isEmpty()) {
            return;
        }
        Map<String, Integer> firstUse = new HashMap<>(); // tool -> line of its first RUN in this stage, up to here
        for (Instruction earlier : Parts.partOf(analysis, instruction)) {
            Instruction.Run earlierRun = ShellFacts.runOf(earlier, true);
            if (earlierRun != null) {
                for (SimpleCommand tool : ShellFacts.commandsNamed(analysis, earlierRun, "wget", "curl")) {
                    firstUse.putIfAbsent(ShellFacts.baseName(tool), earlier.range().startLine());
                }
            }
            if (earlier == instruction) {
                break;
            }
        }
        if (firstUse.size() == 2) {
            SimpleCommand here = tools.get(0);
            String name = ShellFacts.baseName(here);
            String other = name.equals("wget") ? "curl" : "wget";
            int otherLine = firstUse.get(other);
            String where = otherLine == instruction.range().startLine() ? "in this RUN too"
                    : "on line " + otherLine;
            out.report(here.name().range(), "`" + name + "` is used here and `" + other + "` " + where
                    + " of the same stage: use one download tool, each adds its own package and libraries");
        }
    }

    /** ONBUILD RUN is looked at through its ONBUILD line, like the file's other instructions. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
