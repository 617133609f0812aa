package dev.dftools.lint.rules;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The parts of a file a {@link dev.dftools.lint.StageLocal} rule looks at: one stage, or what precedes the first FROM. */
public final class Parts {

    private Parts() {
    }

    /**
     * The instructions of the part an instruction is in: those after its stage's FROM, or those
     * before the first FROM (a FROM ends whatever a run of instructions was).
     */
    public static List<Instruction> partOf(Analysis analysis, Instruction instruction) {
        Stage stage = analysis.stageOf(instruction).orElse(null);
        return stage != null ? stage.instructions() : preamble(analysis);
    }

    /** The instructions before the first FROM: one list per file (a part is known by its list). */
    private static List<Instruction> preamble(Analysis analysis) {
        return analysis.memo(Preamble.class, Preamble.class, a -> new Preamble(a.dockerfile().preamble())).instructions();
    }

    private record Preamble(List<Instruction> instructions) {
    }

    /**
     * A fact about one part, computed once per part and file: rules that look at each instruction
     * of a part against the whole part stay linear in long stages.
     */
    public static <T> T memo(Analysis analysis, Object key, List<Instruction> part,
            Function<List<Instruction>, T> compute) {
        PerPart perPart = analysis.memo(new MemoKey(key), PerPart.class, a -> new PerPart());
        synchronized (perPart) {
            @SuppressWarnings("unchecked")
            T value = (T) perPart.values.computeIfAbsent(part, p -> compute.apply(part));
            return value;
        }
    }

    /** The position of each instruction in its part. */
    public static int indexInPart(Analysis analysis, Instruction instruction) {
        List<Instruction> part = partOf(analysis, instruction);
        Integer index = memo(analysis, Parts.class, part, p -> {
            Map<Instruction, Integer> positions = new IdentityHashMap<>();
            for (int i = 0; i < p.size(); i++) {
                positions.put(p.get(i), i);
            }
            return positions;
        }).get(instruction);
        return index == null ? -1 : index;
    }

    private record MemoKey(Object key) {
    }

    /** Parts are told apart by identity (their lists are compared by contents otherwise). */
    private static final class PerPart {
        final Map<List<Instruction>, Object> values = new IdentityHashMap<>();
    }
}
