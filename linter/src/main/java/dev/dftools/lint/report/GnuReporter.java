package dev.dftools.lint.report;

import dev.dftools.lint.Finding;
import java.io.PrintWriter;
import java.util.List;

/** GNU's error format, understood by Emacs and many editors: {@code file:line.col-line.col: severity: message [CODE]}. */
public final class GnuReporter implements Reporter {

    @Override
    public void write(List<LintedFile> files, PrintWriter out) {
        for (LintedFile file : files) {
            for (Finding f : file.findings()) {
                var r = f.range();
                out.printf("%s:%d.%d-%d.%d: %s: %s [%s]%n", file.path(), r.start().line(), r.start().column(),
                        r.end().line(), r.end().column(), f.severity().label(), f.message(), f.code());
            }
        }
        out.flush();
    }
}
