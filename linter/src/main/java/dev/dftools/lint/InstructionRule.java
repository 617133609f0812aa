package dev.dftools.lint;

import dev.dftools.grammar.ast.Instruction;

/**
 * Looks at one instruction at a time, with no state. The engine also hands it the instruction an
 * ONBUILD wraps (as hadolint does), unless {@link #checksOnbuildTriggers()} says no.
 */
public non-sealed interface InstructionRule extends Rule {

    void check(Instruction instruction, Analysis analysis, Findings out);

    default boolean checksOnbuildTriggers() {
        return true;
    }
}
