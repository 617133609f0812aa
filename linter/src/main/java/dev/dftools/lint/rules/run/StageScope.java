package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.ArgDeclaration;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where an instruction sits among the stages, and what its stage has defined before it. */
final class StageScope {

    private StageScope() {
    }

    /**
     * Whether what the instruction leaves in its layer ships: it is in the last stage, or in a
     * stage a later {@code FROM} builds on (as hadolint decides for DL3009 and DL3060). Stages
     * only copied from ({@code COPY --from}) do not ship their layers. An instruction before any
     * FROM counts as shipping only when the file has no stage at all. An ONBUILD trigger always
     * ships: it runs in the builds of other Dockerfiles, whose stages this one cannot see.
     */
    static boolean ships(Analysis analysis, Instruction instruction) {
        Optional<Stage> stage = analysis.stageOf(instruction);
        if (stage.isEmpty()) {
            return analysis.stages().isEmpty();
        }
        return analysis.ships(stage.get()) || analysis.isOnbuildTrigger(instruction);
    }

    /** Whether the instruction is in the last stage (or the file has no stage). */
    static boolean isFinal(Analysis analysis, Instruction instruction) {
        Optional<Stage> stage = analysis.stageOf(instruction);
        return stage.isEmpty() ? analysis.stages().isEmpty() : stage.get() == analysis.lastStage();
    }

    /** "stage 'name'" or "stage 2", for messages. */
    static String describe(Analysis analysis, Instruction instruction) {
        Optional<Stage> stage = analysis.stageOf(instruction);
        if (stage.isEmpty()) {
            return "the image";
        }
        Stage s = stage.get();
        String name = s.name().map(n -> "stage '" + n + "'").orElse("stage " + (s.index() + 1));
        if (s == analysis.lastStage()) {
            return analysis.stages().size() == 1 ? "the image" : "the final " + name;
        }
        return name + " (used as a base by a later FROM)";
    }

    /**
     * The instructions in effect before {@code instruction}: those earlier in its own stage, and
     * those of the stages it builds on ({@code FROM alias}), parents first.
     */
    static List<Instruction> inherited(Analysis analysis, Instruction instruction) {
        Optional<Stage> stage = analysis.stageOf(instruction);
        if (stage.isEmpty()) {
            return before(analysis.dockerfile().preamble(), instruction); // a file without FROM
        }
        List<Stage> chain = new ArrayList<>();
        Set<Stage> seen = new HashSet<>();
        for (Optional<Stage> s = stage; s.isPresent() && seen.add(s.get()); s = analysis.parentStage(s.get())) {
            chain.add(0, s.get());
        }
        List<Instruction> out = new ArrayList<>();
        for (Stage s : chain) {
            out.addAll(before(s.instructions(), instruction));
        }
        return out;
    }

    /** The instructions of {@code list} up to {@code instruction} (or an ONBUILD wrapping it). */
    private static List<Instruction> before(List<Instruction> list, Instruction instruction) {
        for (int k = 0; k < list.size(); k++) {
            Instruction i = list.get(k);
            if (i == instruction || (i instanceof Instruction.Onbuild o && o.trigger() == instruction)) {
                return list.subList(0, k);
            }
        }
        return list;
    }

    /** ENV keys set before the instruction in its stage or the stages it builds on. */
    static Set<String> envNames(Analysis analysis, Instruction instruction) {
        Set<String> names = new HashSet<>();
        for (KeyValue pair : envPairs(analysis, instruction)) {
            names.add(pair.key().value());
        }
        return names;
    }

    /** ENV pairs in effect before the instruction, in order (a later pair wins). */
    static List<KeyValue> envPairs(Analysis analysis, Instruction instruction) {
        List<KeyValue> pairs = new ArrayList<>();
        for (Instruction i : inherited(analysis, instruction)) {
            if (i instanceof Instruction.Env env) {
                pairs.addAll(env.pairs());
            }
        }
        return pairs;
    }

    /** Names declared by any ARG before the instruction, anywhere in the file. */
    static Set<String> argNames(Analysis analysis, Instruction instruction) {
        Set<String> names = new HashSet<>();
        int offset = instruction.range().start().offset();
        for (Instruction i : analysis.dockerfile().instructions()) {
            if (i.range().start().offset() >= offset) {
                break;
            }
            if (i instanceof Instruction.Arg arg) {
                for (ArgDeclaration d : arg.declarations()) {
                    names.add(d.name().value());
                }
            }
        }
        return names;
    }
}
