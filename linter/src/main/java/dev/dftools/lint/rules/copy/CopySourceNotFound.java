package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.GoGlob;
import dev.dftools.grammar.context.GoPaths;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.ContextRule;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import java.util.List;
import java.util.Locale;

/**
 * A source that is not in the context fails the build ("failed to compute cache key: ... not
 * found"). A wildcard that matches nothing does not fail in BuildKit, it silently copies nothing,
 * which is rarely what was meant.
 */
@RuleInfo(code = "DF4011", slug = "copy-source-not-found", severity = Severity.ERROR,
        summary = "A COPY/ADD source does not exist in the build context (or its wildcard matches nothing).",
        tags = {"copy", "context"})
public final class CopySourceNotFound implements ContextRule {

    @Override
    public void check(Instruction instruction, Analysis analysis, BuildContext context, Findings out) {
        if (!CopySources.readsContext(instruction)) {
            return;
        }
        boolean parents = instruction.flag("parents").isPresent();
        String keyword = instruction.name().toUpperCase(Locale.ROOT);
        for (CopySources.Source source : CopySources.sources(instruction, analysis)) {
            String value = source.value();
            // variables, URLs and heredocs are not looked up; paths outside the context are DF4004's
            if (!source.isLocal() || value == null || value.startsWith("/") || GoPaths.escapes(value)) {
                continue;
            }
            if (parents) {
                value = value.replace("/./", "/"); // --parents: the pivot marker is not part of the path
            }
            List<String> found;
            try {
                found = ContextPaths.resolve(context, value);
            } catch (GoGlob.BadPatternException e) {
                out.report(source.word().range(), keyword + " source '" + value + "' is not a valid pattern: "
                        + e.getMessage());
                continue;
            }
            if (!found.isEmpty()) {
                continue;
            }
            if (GoPaths.containsWildcards(value)) {
                out.report(source.word().range(), keyword + " source pattern '" + value + "' matches nothing in "
                        + "the build context: BuildKit copies nothing and goes on without an error.");
            } else {
                out.report(source.word().range(), keyword + " source '" + value + "' does not exist in the "
                        + "build context: the build fails with \"not found\".");
            }
        }
    }
}
