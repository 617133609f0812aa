package dev.dftools.lint.rules.shell;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.TextEdit;
import dev.dftools.lint.rules.Rules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test helpers: lint a snippet, keep one rule's findings, apply a fix. */
final class ShellLint {

    private static final Linter LINTER = new Linter(Rules.registry());

    private ShellLint() {
    }

    static List<Finding> lint(String text, String code) {
        return lint(text, code, LintConfig.defaults());
    }

    static List<Finding> lint(String text, String code, LintConfig config) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : LINTER.lint(Dockerfiles.parse(text), config.withAllRulesEnabled(), null)) {
            if (f.code().equals(code) || f.code().equals(Linter.INTERNAL_ERROR.code())
                    || (code.equals("DF3900") && f.code().startsWith("SC"))) {
                out.add(f);
            }
        }
        return out;
    }

    static String applyFix(String text, Finding finding) {
        List<TextEdit> edits = new ArrayList<>(finding.fixOptional().orElseThrow().edits());
        edits.sort(Comparator.comparingInt((TextEdit e) -> e.range().start().offset()).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : edits) {
            sb.replace(e.range().start().offset(), e.range().end().offset(), e.newText());
        }
        return sb.toString();
    }

    /** The source text a finding's range covers. */
    static String covered(String text, Finding f) {
        return text.substring(f.range().start().offset(), f.range().end().offset());
    }
}
