package dev.dftools.lint.cli;

import dev.dftools.lint.rules.Rules;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Splits one cold dflint run into steps, timed in-process: compiled by run.sh into the scratch
 * dir and run with the dflint jar first on the class path (so the launcher's AppCDS archive
 * still applies; a directory on the class path would make the JVM refuse the archive, so run.sh jars it). Same package as Dflint to call its package-private run(args, out, err).
 * Each step's time includes the class loading and first execution it triggers; later steps
 * profit from what earlier ones loaded. Usage: ColdProbe DOCKERFILE
 */
public final class ColdProbe {
    public static void main(String[] args) {
        long t = System.nanoTime();
        Rules.all();
        t = step("Rules.all() (rule classes loaded and built)", t);
        Rules.registry();
        t = step("Rules.registry() (again, plus each rule's metadata from the compile-time index)", t);
        Dflint.run(new String[] {"--version"}, sink(), sink());
        t = step("Dflint --version (command-line options parsed; no rules needed)", t);
        Dflint.run(new String[] {"--no-fail", args[0]}, sink(), sink());
        t = step("Dflint FILE, 1st (parse, rules, report)", t);
        Dflint.run(new String[] {"--no-fail", args[0]}, sink(), sink());
        t = step("Dflint FILE, 2nd in the same JVM", t);
    }

    private static PrintWriter sink() {
        return new PrintWriter(new StringWriter());
    }

    private static long step(String name, long since) {
        long now = System.nanoTime();
        System.out.printf("{\"step\":\"%s\",\"ms\":%.1f}%n", name, (now - since) / 1e6);
        return now;
    }
}
