package dev.dftools.lsp.features.actions;

import dev.dftools.grammar.ast.Directive;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Finding;
import dev.dftools.lint.TextEdit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edits that silence a finding with dflint's inline pragmas (see the linter's Suppressions):
 * {@code # dflint ignore=CODE} on the line above the instruction, or {@code # dflint global ignore=CODE}
 * below the parser directives. An existing pragma in the same place gets the code appended.
 */
final class Suppress {

    /** A pragma's code list, to append to: group 1 ends after the last code. */
    private static final Pattern LINE_PRAGMA = Pattern.compile(
            "^(\\s*#\\s*dflint\\s+ignore\\s*=\\s*[A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)");
    private static final Pattern GLOBAL_PRAGMA = Pattern.compile(
            "^(\\s*#\\s*dflint\\s+global\\s+ignore\\s*=\\s*[A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)");

    private Suppress() {
    }

    /** {@code # dflint ignore=CODE} right above the instruction the finding is in. */
    static TextEdit onInstruction(Dockerfile file, Finding finding) {
        int line = instructionStartLine(file, finding.range().startLine());
        if (line > 1) {
            TextEdit appended = appendTo(file, line - 1, LINE_PRAGMA, finding.code());
            if (appended != null) {
                return appended;
            }
        }
        int start = file.lines().lineStart(line);
        String lineText = lineText(file, line);
        String indent = lineText.substring(0, lineText.length() - lineText.stripLeading().length());
        return new TextEdit(file.lines().range(start, start), indent + "# dflint ignore=" + finding.code() + "\n");
    }

    /** {@code # dflint global ignore=CODE} after the parser directives (a comment above them would end them). */
    static TextEdit inFile(Dockerfile file, Finding finding) {
        int afterDirectives = 1;
        for (Directive d : file.directives()) {
            afterDirectives = Math.max(afterDirectives, d.range().endLine() + 1);
        }
        for (int line = afterDirectives; line <= file.lines().lineCount(); line++) {
            String text = lineText(file, line);
            if (!text.stripLeading().startsWith("#")) {
                break;
            }
            TextEdit appended = appendTo(file, line, GLOBAL_PRAGMA, finding.code());
            if (appended != null) {
                return appended;
            }
        }
        int at = afterDirectives > file.lines().lineCount() ? file.lines().length() : file.lines().lineStart(afterDirectives);
        String prefix = at > 0 && at == file.lines().length() && !file.text().endsWith("\n") ? "\n" : "";
        return new TextEdit(file.lines().range(at, at), prefix + "# dflint global ignore=" + finding.code() + "\n");
    }

    private static TextEdit appendTo(Dockerfile file, int line, Pattern pragma, String code) {
        Matcher m = pragma.matcher(lineText(file, line));
        if (!m.find()) {
            return null;
        }
        int at = file.lines().lineStart(line) + m.end(1);
        return new TextEdit(file.lines().range(at, at), "," + code);
    }

    private static int instructionStartLine(Dockerfile file, int line) {
        for (Instruction instruction : file.instructions()) {
            if (instruction.range().startLine() <= line && line <= instruction.range().endLine()) {
                return instruction.range().startLine();
            }
        }
        return line;
    }

    static String lineText(Dockerfile file, int line) {
        int start = file.lines().lineStart(line);
        int end = line < file.lines().lineCount() ? file.lines().lineStart(line + 1) : file.lines().length();
        String s = file.text().substring(start, end);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1).replaceAll("\r$", "") : s;
    }
}
