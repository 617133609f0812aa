package dev.dftools.lsp.model;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A build stage.
 *
 * @param name      lower-cased name from {@code AS name}, or null
 * @param nameWord  the name as written, or null
 * @param baseStage the index of the earlier stage this one is built FROM, or -1 for an image
 */
public record StageSymbol(int index, @Nullable String name, @Nullable Word nameWord, Stage stage, int baseStage) {

    public Instruction.From from() {
        return stage.from();
    }

    /** What it is called in messages: its name, or its index. */
    public String label() {
        return name != null ? name : "stage " + index;
    }
}
