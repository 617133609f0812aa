package dev.dftools.lint.report;

import java.io.PrintWriter;
import java.util.List;

/** Writes findings in one output format. */
public interface Reporter {

    void write(List<LintedFile> files, PrintWriter out);
}
