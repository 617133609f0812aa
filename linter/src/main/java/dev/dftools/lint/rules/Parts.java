package dev.dftools.lint.rules;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import java.util.List;

/** The parts of a file a {@link dev.dftools.lint.StageLocal} rule looks at: one stage, or what precedes the first FROM. */
public final class Parts {

    private Parts() {
    }

    /**
     * The instructions of the part an instruction is in: those after its stage's FROM, or those
     * before the first FROM (a FROM ends whatever a run of instructions was).
     */
    public static List<Instruction> partOf(Analysis analysis, Instruction instruction) {
        return analysis.stageOf(instruction).map(Stage::instructions).orElse(analysis.dockerfile().preamble());
    }
}
