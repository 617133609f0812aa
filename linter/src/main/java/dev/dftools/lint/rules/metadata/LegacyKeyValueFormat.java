package dev.dftools.lint.rules.metadata;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.KeyValue;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.Fix;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.TextEdit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * BuildKit's LegacyKeyValueFormat: {@code ENV key value} / {@code LABEL key value} without
 * {@code =}. The legacy form takes the whole rest of the line as the value, so one line can only
 * set one variable, and it is easy to misread; BuildKit may drop it. The fix inserts {@code =},
 * quoting the value when it holds spaces (only when quoting cannot change its meaning).
 */
@RuleInfo(code = "DF5214", slug = "legacy-key-value-format", severity = Severity.WARNING,
        summary = "ENV and LABEL should use the key=value format, not the legacy \"key value\" one.",
        aliases = {"LegacyKeyValueFormat"}, tags = {"env", "label", "buildkit"})
public final class LegacyKeyValueFormat implements InstructionRule, StageLocal {

    /** Chars a double-quoted value would treat differently from the legacy unquoted one. */
    private static final Pattern NEEDS_CARE = Pattern.compile("[\"'\\\\`]");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        List<KeyValue> pairs = instruction instanceof Instruction.Env env ? env.pairs()
                : instruction instanceof Instruction.Label label ? label.pairs() : List.of();
        String name = instruction.node().keyword().value().toUpperCase(Locale.ROOT);
        for (KeyValue pair : pairs) {
            if (pair.legacy()) {
                out.report(pair.key().range().union(pair.value().range()), "\"" + name
                        + " key=value\" should be used instead of legacy \"" + name + " key value\" format",
                        fix(pair, analysis));
            }
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false; // BuildKit checks them when they fire, in the child build
    }

    private static @Nullable Fix fix(KeyValue pair, Analysis analysis) {
        String source = analysis.dockerfile().text();
        SourceRange key = pair.key().range();
        SourceRange value = pair.value().range();
        if (value.isEmpty() || key.startLine() != value.endLine()) {
            return null;
        }
        String gap = source.substring(key.end().offset(), value.start().offset());
        String text = source.substring(value.start().offset(), value.end().offset());
        if (!gap.isBlank()) {
            return null;
        }
        SourceRange between = analysis.dockerfile().lines().range(key.end().offset(), value.start().offset());
        if (!text.contains(" ") && !text.contains("\t")) {
            return Fix.of("Insert '='", new TextEdit(between, "="));
        }
        if (NEEDS_CARE.matcher(text).find()) {
            return null;
        }
        return Fix.of("Insert '=' and quote the value", new TextEdit(between, "=\""),
                new TextEdit(analysis.dockerfile().lines().range(value.end().offset(), value.end().offset()), "\""));
    }
}
