package dev.dftools.lint.cli;

import dev.dftools.grammar.BuildKitDump;
import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.SyntaxError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dflint}: the Dockerfile linter's command line.
 * Exit codes: 0 clean, 1 problems found, 2 usage or I/O error.
 */
@Command(name = "dflint", mixinStandardHelpOptions = true, version = "dflint 0.1.0",
        description = "Lint Dockerfiles. Reports syntax errors as BuildKit would; "
                + "--print-ast prints BuildKit's AST dump.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no problems", "1:problems found", "2:usage or I/O error"})
public final class Dflint implements Callable<Integer> {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int USAGE = 2;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dockerfiles to check; - reads standard input.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--print-ast", description = "Print the parse in BuildKit's dump format instead of linting.")
    private boolean printAst;

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    private boolean debug;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Dflint());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("dflint: " + ex.getMessage());
            err.println("Try 'dflint --help' for more information.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("dflint: internal error: " + ex);
            if (((Dflint) cmd.getCommand()).debug) {
                ex.printStackTrace(err);
            }
            return USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = OK;
        for (String name : files) {
            String text;
            try {
                text = name.equals("-") ? SourceFiles.readStdin(System.in) : SourceFiles.read(Path.of(name));
            } catch (SourceFiles.UnreadableFile e) {
                err.println("dflint: " + e.getMessage());
                exit = USAGE;
                continue;
            }
            Dockerfile dockerfile = Dockerfiles.parse(text);
            if (printAst) {
                if (files.size() > 1) {
                    out.println("# " + name);
                }
                out.print(BuildKitDump.dump(dockerfile));
            }
            for (SyntaxError error : dockerfile.errors()) {
                err.printf("%s:%d:%d: error: %s%n", name, error.range().start().line(),
                        error.range().start().column(), error.message());
                exit = Math.max(exit, PROBLEMS);
            }
        }
        out.flush();
        return exit;
    }
}
