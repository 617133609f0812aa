package dev.dftools.lint.rules.syntax;

import dev.dftools.grammar.ast.Comment;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.DocumentRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags inline ignore comments ({@code # hadolint ignore=…}, {@code # dflint ignore=…}, and their
 * {@code global}/{@code stage} forms), for teams that want every exception in the configuration.
 * Other pragmas such as {@code # hadolint shell=} are not suppressions and are left alone.
 */
@RuleInfo(code = "DF1001", slug = "inline-ignore-pragma", severity = Severity.INFO,
        summary = "An inline ignore comment hides findings in the Dockerfile itself.", aliases = {"DL1001"},
        tags = {"suppression"}, enabledByDefault = false)
public final class InlineIgnorePragma implements DocumentRule {

    private static final Pattern IGNORE = Pattern.compile(
            "^(dflint|hadolint)\\s+(?:(global|stage)\\s+)?ignore\\s*=.*$");

    @Override
    public void check(Analysis analysis, Findings out) {
        for (Comment comment : analysis.dockerfile().comments()) {
            Matcher m = IGNORE.matcher(comment.text());
            if (m.matches()) {
                String scope = m.group(2) == null ? "" : m.group(2) + " ";
                out.report(comment.range(), "Inline " + scope + "ignore pragma used ('" + m.group(1)
                        + "'): prefer fixing the finding, or list the rule under 'ignored' in the configuration");
            }
        }
    }
}
