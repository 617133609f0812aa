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
import java.util.IdentityHashMap;
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
        Map<String, Integer> firstUse = Parts.memo(analysis, WgetAndCurl.class, Parts.partOf(analysis, instruction),
                part -> firstUses(part, analysis)).get(instruction);
        if (firstUse == null) {
            return;
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

    /**
     * For each instruction of a part whose RUN uses a download tool: the line of the part's first
     * RUN to use wget and curl, as far as each was used up to there.
     */
    private static Map<Instruction, Map<String, Integer>> firstUses(List<Instruction> part, Analysis analysis) {
        Map<Instruction, Map<String, Integer>> snapshots = new IdentityHashMap<>();
        Map<String, Integer> firstUse = new HashMap<>();
        for (Instruction instruction : part) {
            Instruction.Run run = ShellFacts.runOf(instruction, true);
            List<SimpleCommand> tools = run == null ? List.of() : ShellFacts.commandsNamed(analysis, run, "wget", "curl");
            for (SimpleCommand tool : tools) {
                firstUse.putIfAbsent(ShellFacts.baseName(tool), instruction.range().startLine());
            }
            if (!tools.isEmpty()) {
                snapshots.put(instruction, Map.copyOf(firstUse));
            }
        }
        return snapshots;
    }

    /** ONBUILD RUN is looked at through its ONBUILD line, like the file's other instructions. */
    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
