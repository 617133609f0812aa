package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
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
public final class WgetAndCurl implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        Map<String, Integer> firstUse = new HashMap<>(); // tool -> line of its first RUN in this stage
        for (Instruction instruction : analysis.dockerfile().instructions()) {
            if (instruction instanceof Instruction.From) {
                firstUse.clear();
                continue;
            }
            Instruction.Run run = ShellFacts.runOf(instruction, true);
            if (run == null) {
                continue;
            }
            List<SimpleCommand> tools = ShellFacts.commandsNamed(analysis, run, "wget", "curl");
            if (tools.isEmpty()) {
                continue;
            }
            for (SimpleCommand tool : tools) {
                firstUse.putIfAbsent(ShellFacts.baseName(tool), instruction.range().startLine());
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
    }
}
