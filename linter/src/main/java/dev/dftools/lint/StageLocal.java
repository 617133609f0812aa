package dev.dftools.lint;

/**
 * Marks an {@link InstructionRule} or {@link StageRule} whose findings about one part of a file
 * (the instructions before the first FROM, or one stage) depend only on:
 * <ul>
 * <li>the text of that part, from the start of its first line (a stage's begins with the comment
 * lines right above its FROM) to the start of the next part's first line, and the line it starts
 * on;</li>
 * <li>the text before the first FROM (directives, escape character, global ARGs), the
 * configuration and the set of rules that run;</li>
 * <li>the stage's place in the file: its index, whether it is the last stage, whether a later
 * FROM builds on it, and whether the file has no, one or several stages.</li>
 * </ul>
 * Its findings and fixes lie inside that part. An editor may then keep a part's findings while
 * other parts change, and move them with the text. A rule that looks at other stages (names,
 * parents, variables inherited through {@code FROM stage}) must not carry this mark; it may be a
 * {@link StageInflow} rule instead.
 */
public interface StageLocal {
}
