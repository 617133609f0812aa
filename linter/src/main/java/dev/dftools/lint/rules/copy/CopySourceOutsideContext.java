package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.GoPaths;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;

/**
 * The builder only sees the build context. BuildKit resolves every COPY/ADD source inside it: it
 * cleans the path against the context root, so {@code ../x} and {@code /x} both name the context's
 * {@code x} (the classic builder refused {@code ../x} as a "forbidden path outside the build
 * context"). Either way the file the author meant, outside the context, is never copied.
 */
@RuleInfo(code = "DF4004", slug = "copy-source-outside-context", severity = Severity.ERROR,
        summary = "A COPY/ADD source points outside the build context, which the builder cannot read.",
        tags = {"copy", "context"})
public final class CopySourceOutsideContext implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!CopySources.readsContext(instruction)) {
            return;
        }
        String keyword = instruction.name().toUpperCase(java.util.Locale.ROOT);
        for (CopySources.Source source : CopySources.sources(instruction, analysis)) {
            if (!source.isLocal()) {
                continue;
            }
            String path = literalPart(source);
            if (path.isEmpty()) {
                continue;
            }
            String inContext = GoPaths.inContext(source.text());
            if (path.startsWith("/")) {
                out.report(source.word().range(), keyword + " source '" + source.text() + "' is absolute, but "
                        + "sources are always read from the build context: this copies '" + inContext
                        + "' from the context root, not " + source.text() + " from the host. Write '" + inContext
                        + "' if that is what you mean, or put the file into the context.");
            } else if (GoPaths.escapes(path)) {
                out.report(source.word().range(), keyword + " source '" + source.text() + "' is outside the "
                        + "build context, which is all the builder can read: BuildKit resolves it to '" + inContext
                        + "' at the context root (the classic builder refuses it). Move the file into the context "
                        + "or build from a higher directory with -f.");
            }
        }
    }

    /**
     * The path as far as it is known: the whole value, or for a source with variables the
     * components before the first one ({@code ../$X/a} is {@code ..}).
     */
    private static String literalPart(CopySources.Source source) {
        if (source.value() != null) {
            return source.value();
        }
        String text = source.text();
        int dollar = text.indexOf('$');
        int cut = text.lastIndexOf('/', dollar);
        return cut < 0 ? "" : text.substring(0, cut + 1);
    }
}
