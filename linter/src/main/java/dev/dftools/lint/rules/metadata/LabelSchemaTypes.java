package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Shared by the rules that check a schema label's value format: each pair whose key the schema
 * gives {@code type} is reported when its value is not of that format. Empty values are left to
 * DF5003, values holding variables are unknown until the build.
 */
final class LabelSchemaTypes {

    private LabelSchemaTypes() {
    }

    static void check(Instruction instruction, Analysis analysis, Findings out, String type, Predicate<String> valid,
            String what) {
        if (analysis.config().labelSchema().isEmpty()) {
            return;
        }
        for (LabelPairs.Pair pair : LabelPairs.of(instruction, analysis.dockerfile().escape())) {
            String wanted = analysis.config().labelSchema().get(pair.key());
            if (wanted == null || !wanted.strip().toLowerCase(Locale.ROOT).equals(type) || pair.value().isEmpty()
                    || pair.hasVariable()) {
                continue;
            }
            if (!valid.test(pair.value())) {
                out.report(pair.valueWord().range(), "Label '" + pair.key() + "' is not " + what + ": '"
                        + pair.value() + "'");
            }
        }
    }
}
