package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.HashMap;
import java.util.Map;

/**
 * Two stages with the same name. hadolint (DL3024) and BuildKit (DuplicateStageName) check the
 * same thing, so this is one rule; names compare ignoring case, as BuildKit resolves them.
 * Reported on the later name.
 */
@RuleInfo(code = "DF2004", slug = "duplicate-stage-name", severity = Severity.ERROR,
        summary = "Two build stages have the same name.", aliases = {"DL3024", "DuplicateStageName"},
        tags = {"stages"})
public final class DuplicateStageName implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        Map<String, Stage> seen = new HashMap<>();
        for (Stage stage : analysis.stages()) {
            if (stage.name().isEmpty() || stage.from().stageName() == null) {
                continue;
            }
            Stage first = seen.putIfAbsent(stage.name().get(), stage);
            if (first != null) {
                out.report(stage.from().stageName().range(), "Duplicate stage name \"" + stage.name().get()
                        + "\", stage names should be unique (first used on line "
                        + first.from().range().startLine() + ")");
            }
        }
    }
}
