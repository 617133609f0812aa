package dev.dftools.lint.rules.copy;

import dev.dftools.grammar.context.GoPaths;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import dev.dftools.lint.StageRule;
import java.util.List;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The build cache reuses a layer only while everything before it is unchanged. After
 * {@code COPY . .}, any edit to any source file re-runs the dependency install that follows. The
 * Docker docs' remedy: copy only the dependency manifest, install, then copy the rest.
 */
@RuleInfo(code = "DF4005", slug = "copy-context-before-install", severity = Severity.WARNING,
        summary = "The whole context is copied before the dependency install, so every source change "
                + "re-runs the install.",
        tags = {"copy", "cache", "performance"})
public final class CopyContextBeforeInstall implements StageRule, StageLocal {

    /** A dependency install and the files it reads. */
    private record Install(String command, String manifests) {
    }

    @Override
    public void check(Stage stage, Analysis analysis, Findings out) {
        CopySources.Source wholeContext = null;
        for (Instruction instruction : stage.instructions()) {
            if (wholeContext == null) {
                wholeContext = wholeContextSource(instruction, analysis);
                continue;
            }
            if (!(instruction instanceof Instruction.Run run)) {
                continue;
            }
            for (SimpleCommand command : analysis.commands(run)) {
                Install install = install(command);
                if (install != null) {
                    out.report(wholeContext.word().range(), "The whole build context is copied before '"
                            + install.command() + "' (line " + run.range().startLine() + "): any change to any "
                            + "file re-runs it. Copy " + install.manifests() + " first, run the install, then copy "
                            + "the rest.");
                    return;
                }
            }
        }
    }

    private static CopySources.@Nullable Source wholeContextSource(Instruction instruction, Analysis analysis) {
        if (!CopySources.readsContext(instruction)) {
            return null;
        }
        for (CopySources.Source source : CopySources.sources(instruction, analysis)) {
            if (source.isLocal() && source.value() != null && GoPaths.inContext(source.value()).equals(".")) {
                return source;
            }
        }
        return null;
    }

    private static @Nullable Install install(SimpleCommand command) {
        List<Word> operands = command.operands();
        String first = operands.isEmpty() ? "" : operands.get(0).value();
        if (command.isNamed("npm") && (first.equals("ci")
                || (List.of("install", "i").contains(first) && operands.size() == 1))) {
            return new Install("npm " + first, "package.json and package-lock.json");
        }
        if (command.isNamed("yarn") && (operands.isEmpty() || first.equals("install"))) {
            return new Install("yarn install", "package.json and yarn.lock");
        }
        if (command.isNamed("pnpm") && first.equals("install") && operands.size() == 1) {
            return new Install("pnpm install", "package.json and pnpm-lock.yaml");
        }
        if (command.isNamed("pip", "pip3") || isPythonPip(command)) {
            Word requirements = command.flagWord("-r", "--requirement");
            if (requirements != null && command.hasArg("install")) {
                return new Install("pip install -r", manifestAfter(command, requirements));
            }
        }
        if (command.isNamed("go") && first.equals("mod") && operands.size() > 1
                && operands.get(1).value().equals("download")) {
            return new Install("go mod download", "go.mod and go.sum");
        }
        if (command.isNamed("bundle") && (first.equals("install") || operands.isEmpty())) {
            return new Install("bundle install", "Gemfile and Gemfile.lock");
        }
        if (command.isNamed("composer") && first.equals("install")) {
            return new Install("composer install", "composer.json and composer.lock");
        }
        if (command.isNamed("mvn", "mvnw") && operands.stream().anyMatch(w -> w.value().startsWith("dependency:"))) {
            String goal = operands.stream().map(Word::value).filter(v -> v.startsWith("dependency:")).findFirst()
                    .orElse("dependency:");
            return new Install("mvn " + goal, "pom.xml");
        }
        return null;
    }

    private static boolean isPythonPip(SimpleCommand command) {
        List<String> args = command.argValues();
        return command.nameValue().toLowerCase(Locale.ROOT).matches("(.*/)?python[0-9.]*")
                && args.size() >= 2 && args.get(0).equals("-m") && args.get(1).equals("pip");
    }

    /** The requirements file named by {@code -r FILE} or {@code -r=FILE} / {@code --requirement=FILE}. */
    private static String manifestAfter(SimpleCommand command, Word flag) {
        String v = flag.value();
        if (v.startsWith("--requirement=")) {
            return v.substring("--requirement=".length());
        }
        if (v.startsWith("-r") && v.length() > 2) {
            return v.substring(2).replaceFirst("^=", ""); // -rrequirements.txt
        }
        List<Word> args = command.args();
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1).value() : "the requirements file";
    }
}
