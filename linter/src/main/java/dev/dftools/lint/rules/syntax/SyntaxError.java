package dev.dftools.lint.rules.syntax;

import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;

/** What BuildKit's parser rejects: the build would fail before it starts. */
@RuleInfo(code = "DF1000", slug = "syntax-error", severity = Severity.ERROR,
        summary = "The Dockerfile does not parse; BuildKit would refuse it.", aliases = {"DL1000"},
        tags = {"syntax"})
public final class SyntaxError implements DocumentRule {

    @Override
    public void check(Analysis analysis, Findings out) {
        for (dev.dftools.grammar.ast.SyntaxError error : analysis.dockerfile().errors()) {
            out.report(error.range(), error.message());
        }
    }
}
