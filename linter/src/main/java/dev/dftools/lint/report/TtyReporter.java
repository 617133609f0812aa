package dev.dftools.lint.report;

import dev.dftools.grammar.ast.SourcePosition;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Severity;
import java.io.PrintWriter;
import java.util.List;

/**
 * For people: {@code file:line:col CODE severity: message [aliases]}, then the source line with a
 * caret under the range (colour when writing to a terminal).
 */
public final class TtyReporter implements Reporter {

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";

    private final boolean color;

    public TtyReporter(boolean color) {
        this.color = color;
    }

    @Override
    public void write(List<LintedFile> files, PrintWriter out) {
        for (LintedFile file : files) {
            String[] lines = file.text().split("\n", -1);
            for (Finding f : file.findings()) {
                SourcePosition start = f.range().start();
                out.print(paint(BOLD, file.path() + ":" + start.line() + ":" + start.column()));
                out.print(" " + paint(colorOf(f.severity()), f.code() + " " + f.severity().label()) + ": ");
                out.print(f.message());
                if (!f.rule().aliases().isEmpty()) {
                    out.print(paint(DIM, " [" + String.join(", ", f.rule().aliases()) + "]"));
                }
                out.println();
                if (start.line() <= lines.length) {
                    String line = lines[start.line() - 1].replace("\r", "");
                    out.println("  " + line.replace('\t', ' '));
                    int width = f.range().endLine() == start.line()
                            ? Math.max(1, f.range().end().column() - start.column())
                            : Math.max(1, line.length() - start.column() + 1);
                    out.println("  " + " ".repeat(Math.max(0, start.column() - 1))
                            + paint(colorOf(f.severity()), "^" + "~".repeat(Math.max(0, width - 1))));
                }
            }
        }
        out.flush();
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }

    private static String colorOf(Severity severity) {
        return switch (severity) {
            case ERROR -> "\u001B[31m";
            case WARNING -> "\u001B[33m";
            case INFO -> "\u001B[36m";
            case STYLE -> "\u001B[35m";
        };
    }
}
