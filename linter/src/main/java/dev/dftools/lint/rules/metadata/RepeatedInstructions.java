package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import java.util.List;

/** The instructions of one kind a stage runs itself (ONBUILD triggers run in other builds). */
final class RepeatedInstructions {

    private RepeatedInstructions() {
    }

    static List<Instruction> ofKind(Stage stage, Class<? extends Instruction> kind) {
        return stage.instructions().stream().filter(kind::isInstance).toList();
    }

    /** The message of the hadolint-style rules, reported on the second and later ones. */
    static String laterMessage(String keyword) {
        return "Only the last " + keyword + " of a stage takes effect; this one overrides an earlier " + keyword
                + " in the same stage.";
    }
}
