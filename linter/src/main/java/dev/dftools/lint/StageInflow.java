package dev.dftools.lint;

import dev.dftools.grammar.ast.Stage;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Marks an {@link InstructionRule} or {@link StageRule} whose findings about one part of a file
 * (the instructions before the first FROM, or one stage; see {@link StageLocal}) depend on what
 * {@link StageLocal} allows plus one value computed from the rest of the file: the part's
 * <em>inflow</em> (the variables a stage inherits through {@code FROM stage}, the SHELL in effect,
 * whether an ancestor set a WORKDIR, ...). Its findings and fixes lie inside the part. An editor
 * may then keep a part's findings while other parts change, as long as the part's text, place and
 * inflow are equal to what they were when it ran.
 * <p>
 * The inflow must capture everything from outside the part that the findings depend on (a value
 * that says more is safe: the part is only checked again more often). It must be cheap, as it is
 * asked for every part on every edit: amortised over the file, no more than the size of the part
 * (share whole-file work through {@link Analysis#memo}; never walk the whole file per stage), and
 * better one step per stage than a walk of every instruction (fold the whole-file fact from
 * {@link Analysis#stageFact}s, which an editor keeps for the stages an edit did not touch).
 * A rule with any finding that cannot be attributed to one part this way (one about two stages
 * together, say) must not carry this mark.
 */
public interface StageInflow {

    /**
     * What the rule's findings about {@code stage} (null: the part before the first FROM) take
     * from outside that part; compared with {@link Object#equals}.
     */
    Object inflow(Analysis analysis, @Nullable Stage stage);
}
