package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every label of the schema must be set in each stage that ends up in an image. Following
 * hadolint's DL3049: a stage has the label when one of its LABELs sets it or when it is built on a
 * stage that has it ({@code FROM base}); a stage without it is reported at its FROM, unless it is
 * only a source of {@code COPY --from}, or a later stage that refers to it by name sets the label.
 */
@RuleInfo(code = "DF5001", slug = "required-label-missing", severity = Severity.INFO,
        summary = "A label the label schema requires is not set in a stage.", aliases = {"DL3049"},
        tags = {"labels", "label-schema"})
public final class LabelRequiredMissing implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        for (String label : analysis.config().labelSchema().keySet()) {
            checkLabel(label, analysis, out);
        }
    }

    private static void checkLabel(String label, Analysis analysis, Findings out) {
        Set<Stage> good = new HashSet<>();
        Set<Stage> bad = new LinkedHashSet<>();
        char escape = analysis.dockerfile().escape();
        for (Stage stage : analysis.stages()) {
            Optional<Stage> parent = analysis.parentStage(stage);
            if (parent.isPresent() && good.contains(parent.get())) {
                good.add(stage);
            } else {
                bad.add(stage);
            }
            for (Instruction instruction : stage.instructions()) {
                if (instruction instanceof Instruction.Copy) {
                    for (Flag from : instruction.node().flags("from")) {
                        if (from.value() != null) {
                            bad.removeIf(s -> named(s, from.value()));
                        }
                    }
                } else if (LabelPairs.of(instruction, escape).stream().anyMatch(p -> p.key().equals(label))) {
                    String name = stage.name().orElse(stage.from().image() == null ? ""
                            : stage.from().image().value());
                    bad.removeIf(s -> s != stage && named(s, name)); // a parent the labelled stage names
                    bad.remove(stage);
                    good.add(stage);
                }
            }
        }
        for (Stage stage : bad) {
            out.report(fromRange(stage.from()), "Label '" + label + "' is missing: the label schema requires it in"
                    + " every image stage");
        }
    }

    private static boolean named(Stage stage, String name) {
        return stage.name().map(n -> n.equals(name.toLowerCase(Locale.ROOT))).orElse(false);
    }

    /** FROM up to its image (and stage name): the line that starts the stage. */
    private static SourceRange fromRange(Instruction.From from) {
        List<Word> words = new ArrayList<>(from.node().args());
        SourceRange range = from.node().keyword().range();
        return words.isEmpty() ? range : range.union(words.get(words.size() - 1).range());
    }
}
