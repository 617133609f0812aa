package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.SourcePosition;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.grammar.ast.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;

/**
 * Several sources go into a directory; without the trailing slash the destination reads as a
 * file, which the classic builder rejects and which confuses readers.
 */
@RuleInfo(code = "DF4001", slug = "copy-multiple-sources-to-file", severity = Severity.ERROR,
        summary = "COPY with more than one source needs a directory destination ending in '/'.",
        aliases = {"DL3021"}, tags = {"copy", "hadolint"})
public final class CopyMultipleSourcesToFile implements InstructionRule, StageLocal {

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Copy copy) || copy.sources().size() < 2) {
            return;
        }
        Word destination = copy.destination();
        if (destination == null) {
            return;
        }
        String dest = CopySources.unquote(destination.value());
        if (dest.endsWith("/") || isDotDirectory(dest)) {
            return;
        }
        String raw = CopySources.rawText(destination, analysis);
        // insert the slash inside closing quotes: "dir" becomes "dir/"
        boolean quoted = raw.length() >= 2 && (raw.endsWith("\"") || raw.endsWith("'"));
        SourcePosition end = destination.range().end();
        int at = quoted ? end.offset() - 1 : end.offset();
        SourceRange insert = analysis.dockerfile().lines().range(at, at);
        out.report(destination.range(), "COPY with " + copy.sources().size() + " sources needs a directory "
                + "destination ending in '/': write '" + dest + "/'.",
                Fix.of("Append '/' to the destination", new TextEdit(insert, "/")));
    }

    /** {@code .} and {@code ..} (also as the last component) can only be directories. */
    private static boolean isDotDirectory(String dest) {
        return dest.equals(".") || dest.equals("..") || dest.endsWith("/.") || dest.endsWith("/..");
    }
}
