package dev.dftools.grammar.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index 0-based position among the stages
 */
public record Stage(int index, Instruction.From from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The stage name from {@code AS name}, lower-cased as BuildKit stores it. */
    public Optional<String> name() {
        return Optional.ofNullable(from.stageName()).map(w -> w.value().toLowerCase(Locale.ROOT));
    }

    /**
     * Cheap and consistent with the structural {@code equals}: the generated hash would walk every
     * instruction of the stage, and rules keep stages in hash sets.
     */
    @Override
    public int hashCode() {
        return 31 * index + from.range().start().offset();
    }

    /**
     * The line the stage's text starts on: the first comment line attached to its FROM (BuildKit's
     * description comment, which belongs to the stage), else the FROM's own line.
     */
    public int firstLine() {
        int line = from.range().start().line();
        return from.comments().isEmpty() ? line : Math.min(line, from.comments().get(0).range().start().line());
    }

    /** The stage's FROM, then its instructions: every top-level instruction of the stage, in order. */
    public List<Instruction> instructionsWithFrom() {
        List<Instruction> all = new ArrayList<>(instructions.size() + 1);
        all.add(from);
        all.addAll(instructions);
        return all;
    }

    public SourceRange range() {
        SourceRange range = from.range();
        return instructions.isEmpty() ? range : range.union(instructions.get(instructions.size() - 1).range());
    }
}
