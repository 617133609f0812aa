package dev.dftools.lsp.features.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.testing.RandomEdits;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.BuildContext;
import dev.dftools.lint.ContextRule;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Findings;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.RuleRegistry;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageInflow;
import dev.dftools.lint.StageRule;
import dev.dftools.lint.rules.Rules;
import dev.dftools.lsp.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental lint of an incrementally parsed document must give exactly what a full lint of a
 * full parse gives (same findings, same order) after any edit: random edits over every real-world
 * corpus file and over the benchmark's 2,000-line file, each compared with {@link Linter#lint} of
 * the edited text.
 */
class IncrementalLintTest {

    private static final Linter LINTER = new Linter(Rules.registry());
    /** What the server runs (ShellCheck is a separate, slower pass). */
    private static final LintConfig SERVER = ignoring(LintConfig.defaults(), "DF3900");
    /** Every rule, the ones off by default included. */
    private static final LintConfig ALL_RULES = new LintConfig(Set.of("DF3900"), SERVER.overrides(),
            SERVER.trustedRegistries(), SERVER.labelSchema(), SERVER.strictLabels(), SERVER.failureThreshold(),
            SERVER.noFail(), SERVER.disableIgnorePragma(), Set.of("*"));

    /** Snippets typed by the random edits: they change names, stages, variables, comments and lines. */
    private static final RandomEdits EDITS = new RandomEdits("x", "#", " ", "\n", "\\", "$", "=", "FROM alpine AS b\n", "FROM b\n",
        "ARG V=1\n", "ENV A=$V\n", "RUN apt-get update\n", "WORKDIR rel\n", "COPY --from=b / /\n", "# dflint ignore=DF3008\n",
        "USER root\n", "RUN yum install x\n", " AS x", "${UNSET}", "\"", "<<EOF\nbody\nEOF\n", "ONBUILD RUN cd /x\n",
        "# dflint global ignore=DF3019\n", "# check=skip=all\n", "FROM scratch\n",
        // edits that change what a stage inherits (the inflow of the stage-inflow rules)
        "ENV PIP_NO_CACHE_DIR=1\n", "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n", "# dflint shell=pwsh\n",
        "WORKDIR /abs\n", "RUN curl -o /tmp/a http://x/a | sh\n", "RUN rm -rf /tmp/a\n", "RUN pip install x\n",
        "COPY a.tar .\n", "RUN tar xf a.tar\n", "from alpine\n", "run wget http://x/\n", "FROM $BASE\n", "ARG BASE=b\n");

    @Test
    void randomEditsOverTheCorpusGiveTheFullLintsFindings() throws IOException {
        Path corpus = SharedCorpus.realWorld();
        assumeTrue(corpus != null, "the shared corpus (../shared/corpus/real-world from the repository root) is missing");
        List<String> files = Files.readAllLines(corpus.resolve("MANIFEST.tsv")).stream().skip(1)
                .map(l -> l.split("\t")[0]).toList();
        Random random = new Random(20261122);
        int lints = 0;
        int reused = 0;
        for (int i = 0; i < files.size(); i++) {
            String text = Files.readString(corpus.resolve(files.get(i)), StandardCharsets.UTF_8);
            Outcome o = editAndCompare(files.get(i), text, i % 3 == 0 ? ALL_RULES : SERVER, 6, random);
            lints += o.lints;
            reused += o.reused;
        }
        System.out.printf("incremental lint, corpus: %d files, %d edits compared, %d parts reused%n",
                files.size(), lints, reused);
        assertTrue(files.size() > 500, "the whole corpus was read: " + files.size());
        assertTrue(reused > 0, "the test exercised reuse");
    }

    @Test
    void randomEditsOverTheBenchmarkFileGiveTheFullLintsFindings() {
        String text = BenchFile.generate(1990);
        Outcome o = editAndCompare("bench 2000 lines", text, SERVER, 40, new Random(7));
        System.out.printf("incremental lint, bench file: %d edits compared, %d parts reused%n", o.lints, o.reused);
        // an edit that adds or removes a line moves the stages after it: those are linted again
        assertTrue(o.reused > 40 * 40, "stages were reused on most edits: " + o.reused);
    }

    @Test
    void aConfigurationChangeIsNotServedFromTheCache() {
        String text = BenchFile.generate(200);
        Dockerfile file = Dockerfiles.parse(text);
        IncrementalLint.Result first = IncrementalLint.EMPTY.lint(LINTER, file, SERVER, null);
        IncrementalLint.Result again = first.state().lint(LINTER, file, ALL_RULES, null);
        assertEquals(0, again.reusedParts());
        assertEquals(LINTER.lint(file, ALL_RULES, null), again.findings());
        IncrementalLint.Result same = again.state().lint(LINTER, file, ALL_RULES, null);
        assertEquals(file.stages().size() + 1, same.reusedParts());
        assertEquals(again.findings(), same.findings());
    }

    @Test
    void theCommentAboveAFromBelongsToItsStage() {
        // DF (InvalidDefinitionDescription) reads the comment right above FROM: editing only that
        // comment must re-lint the stage below it
        String before = "FROM alpine AS a\nRUN true\n# b builds the app\nFROM alpine AS b\nRUN true\n";
        String after = before.replace("# b builds", "# x builds");
        IncrementalLint.Result first = IncrementalLint.EMPTY.lint(LINTER, Dockerfiles.parse(before), ALL_RULES, null);
        Dockerfile edited = Dockerfiles.parse(after);
        IncrementalLint.Result second = first.state().lint(LINTER, edited, ALL_RULES, null);
        List<Finding> full = LINTER.lint(edited, ALL_RULES, null);
        assertEquals(full, second.findings());
        assertTrue(full.stream().anyMatch(f -> f.rule().aliases().contains("InvalidDefinitionDescription")),
                full.toString());
        assertEquals(2, second.reusedParts(), "the (empty) part before the first FROM and stage a are reused;"
                + " stage b, whose comment changed, is linted again");
    }

    /** Stage b is built on a, which sets an ENV; c is built on an image. */
    private static final String THREE_STAGES =
            "FROM alpine AS a\nENV A=1\n\nFROM a AS b\nRUN true\n\nFROM alpine AS c\nRUN true\n";

    @Test
    void aStageInflowRuleRunsAgainOnlyWhereItsInflowChanged() {
        InheritedKeys rule = new InheritedKeys();
        Linter linter = new Linter(new RuleRegistry(List.of(rule)));
        String v1 = THREE_STAGES;
        IncrementalLint.Result first = rule.lint(linter, IncrementalLint.EMPTY, v1);
        assertEquals(List.of("a", "b", "c"), rule.noted);

        // a value changes in stage a: a is linted again (its text changed); b inherits the same keys
        IncrementalLint.Result second = rule.lint(linter, first.state(), v1.replace("A=1", "A=2"));
        assertEquals(List.of("a"), rule.noted, "b's inflow is unchanged, its findings are reused");
        assertEquals(1, second.partRuns());

        // a key changes in stage a: b's inflow changes, so b is linted again; c (built on an image) is not
        IncrementalLint.Result third = rule.lint(linter, second.state(), v1.replace("A=1", "B=2"));
        assertEquals(List.of("a", "b"), rule.noted);
        assertTrue(third.findings().stream().anyMatch(f -> f.message().equals("b inherits [B]")),
                third.findings().toString());
    }

    @Test
    void whatAStageInheritsChangesTheFindingsOfTheStagesBuiltOnIt() {
        String[][] edits = {
            // UndefinedVar: the variable is defined in the parent, then no more
            {"FROM alpine AS a\nENV X=1\n\nFROM a AS b\nWORKDIR /$X\n", "ENV X=1", "ENV Y=1"},
            // PipefailMissing: the parent's SHELL sets pipefail, then no more
            {"FROM alpine AS a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\nFROM a AS b\nRUN curl x | sh\n",
                "\"-o\", \"pipefail\", ", ""},
            // PipCacheNotDisabled: the parent disables pip's cache, then no more
            {"FROM python AS a\nENV PIP_NO_CACHE_DIR=1\n\nFROM a AS b\nRUN pip install flask==3.0.0\n", "=1", "=0"},
            // WorkdirRelativePath and CopyRelativeWithoutWorkdir: the parent's WORKDIR goes away
            {"FROM alpine AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR rel\nCOPY x y\n", "WORKDIR /app\n", ""},
            // RemovedInLaterLayer: what the parent created is deleted in the last stage, then it is not created
            {"FROM alpine AS a\nRUN curl -o /opt/big.tgz http://x/big.tgz\n\nFROM a\nRUN rm /opt/big.tgz\n",
                "/opt/big.tgz http", "/tmp/big.tgz http"},
            // CopyFromUnknownStage: the stage copied from is renamed
            {"FROM alpine AS a\nRUN true\n\nFROM alpine AS b\nCOPY --from=a /x /x\n", "AS a", "AS z"},
            // InstructionCasing: the majority turns lower case elsewhere in the file
            {"FROM alpine AS a\nRUN true\nrun true\n\nFROM alpine AS b\nrun true\n", "RUN true\nrun", "run true\nrun"},
        };
        for (String[] edit : edits) {
            IncrementalLint.Result before = lintAndCompare(LINTER, IncrementalLint.EMPTY, edit[0]);
            String changed = edit[0].replace(edit[1], edit[2]);
            IncrementalLint.Result after = lintAndCompare(LINTER, before.state(), changed);
            assertTrue(!before.findings().equals(after.findings()), "the edit changes the findings: " + changed);
            assertTrue(after.reusedParts() > 0, "the parts that did not change are reused: " + changed);
        }
    }

    @Test
    void aStageFactIsComputedAgainOnlyForTheStagesWhoseTextChanged() {
        StageSizes rule = new StageSizes();
        Linter linter = new Linter(new RuleRegistry(List.of(rule)));
        String v1 = THREE_STAGES;
        IncrementalLint.Result first = rule.lint(linter, IncrementalLint.EMPTY, v1);
        assertEquals(List.of("a", "b", "c"), rule.noted);

        // a line added to stage a: b and c move down, their texts are unchanged
        String v2 = v1.replace("ENV A=1\n", "ENV A=1\nRUN x\n");
        IncrementalLint.Result second = rule.lint(linter, first.state(), v2);
        assertEquals(List.of("a"), rule.noted);
        assertTrue(second.findings().stream().anyMatch(f -> f.message().equals("a has 2 instructions")),
                second.findings().toString());

        // the text before the first FROM changes (it may set the escape character): every fact is made again
        rule.lint(linter, second.state(), "ARG X\n" + v2);
        assertEquals(List.of("a", "b", "c"), rule.noted);
    }

    @Test
    void aNewEscapeCharacterDoesNotReuseWhatWasFoundWithTheOldOne() {
        // the same stage text parses differently once the escape character is a backtick: the lines
        // after "run a \" are no longer part of it, so the upper-case keywords now win the vote
        String v1 = "from alpine AS a\nrun a \\\nRUN b \\\nRUN c\n";
        String v2 = "# escape=`\n" + v1;
        IncrementalLint.Result first = lintAndCompare(LINTER, IncrementalLint.EMPTY, v1);
        IncrementalLint.Result second = lintAndCompare(LINTER, first.state(), v2);
        assertTrue(!first.findings().equals(second.findings()), "the escape character changes the findings");
    }

    @Test
    void contextRulesAreKeptPerStageWhileTheContextIsTheSameOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.txt"), "a");
        String v1 = "FROM alpine AS a\nCOPY a.txt /\n\nFROM alpine AS b\nCOPY missing.txt /\n";
        BuildContext first = new BuildContext(dir);
        IncrementalLint.Result one = lintWithContext(IncrementalLint.EMPTY, v1, first);
        assertTrue(one.findings().stream().anyMatch(f -> f.code().equals("DF4011") && f.range().startLine() == 5),
                "the missing source is reported: " + one.findings());

        // typing in stage a, same context: stage b's context findings are kept, not judged again
        Files.writeString(dir.resolve("missing.txt"), "now here");
        IncrementalLint.Result two = lintWithContext(one.state(), v1.replace("COPY a.txt /", "COPY a.txt /x"), first);
        assertTrue(two.findings().stream().anyMatch(f -> f.code().equals("DF4011")), "kept with the context");
        assertEquals(1 + 1, two.reusedParts(), "the part before the first FROM and stage b are reused");

        // a new context reads the disk again: the source is there now
        IncrementalLint.Result three = lintWithContext(two.state(), v1.replace("COPY a.txt /", "COPY a.txt /x"),
                new BuildContext(dir));
        assertTrue(three.findings().stream().noneMatch(f -> f.code().equals("DF4011")), three.findings().toString());
        assertEquals(3 * CONTEXT_RULES, three.partRuns(),
                "only the context rules ran again, on the three parts (before the first FROM, a and b)");
    }

    /** How many context rules the linter has (they run again on each part when the context changes). */
    private static final int CONTEXT_RULES = (int) LINTER.registry().metas().stream()
            .filter(m -> LINTER.registry().rule(m.code()) instanceof ContextRule).count();

    /** Lints incrementally with a build context, and checks the result against a full lint with the same context. */
    private static IncrementalLint.Result lintWithContext(IncrementalLint state, String text, BuildContext context) {
        Dockerfile file = Dockerfiles.parse(text);
        IncrementalLint.Result result = state.lint(LINTER, file, SERVER, context);
        assertEquals(LINTER.lint(file, SERVER, context), result.findings(), text);
        return result;
    }

    private static IncrementalLint.Result lintAndCompare(Linter linter, IncrementalLint state, String text) {
        Dockerfile file = Dockerfiles.parse(text);
        IncrementalLint.Result result = state.lint(linter, file, SERVER, null);
        assertEquals(linter.lint(file, SERVER, null), result.findings(), text);
        return result;
    }

    /** A test rule that notes the stages it did something for during the incremental lint of {@link #lint}. */
    abstract static class NotingRule {

        /** The stages noted during the last {@link #lint}'s incremental lint. */
        List<String> noted = new ArrayList<>();

        /** Lints incrementally, keeps what was noted, then compares with a full lint (which notes every stage). */
        IncrementalLint.Result lint(Linter linter, IncrementalLint state, String text) {
            noted = new ArrayList<>();
            Dockerfile file = Dockerfiles.parse(text);
            IncrementalLint.Result result = state.lint(linter, file, SERVER, null);
            List<String> incremental = List.copyOf(noted);
            assertEquals(linter.lint(file, SERVER, null), result.findings(), text);
            noted = incremental;
            return result;
        }
    }

    /** Reports each stage's number of instructions, a stage fact; notes the stages it computed the fact for. */
    @RuleInfo(code = "DF9902", slug = "test-stage-sizes", severity = Severity.INFO, summary = "Test rule.")
    static final class StageSizes extends NotingRule implements StageRule, StageInflow {

        @Override
        public void check(Stage stage, Analysis analysis, Findings out) {
            out.report(stage.from().range(), stage.name().orElse("?") + " has " + inflow(analysis, stage) + " instructions");
        }

        @Override
        public Object inflow(Analysis analysis, @Nullable Stage stage) {
            return stage == null ? 0 : analysis.stageFact(stage, StageSizes.class, Integer.class, s -> {
                noted.add(s.name().orElse("?"));
                return s.instructions().size();
            });
        }
    }

    /** Reports, on each stage's FROM, the ENV keys of the stage it is built on; its inflow is those keys. */
    @RuleInfo(code = "DF9901", slug = "test-inherited-keys", severity = Severity.INFO, summary = "Test rule.")
    static final class InheritedKeys extends NotingRule implements StageRule, StageInflow {

        @Override
        public void check(Stage stage, Analysis analysis, Findings out) {
            noted.add(stage.name().orElse("?"));
            out.report(stage.from().range(), stage.name().orElse("?") + " inherits " + inflow(analysis, stage));
        }

        @Override
        public Object inflow(Analysis analysis, @Nullable Stage stage) {
            List<String> keys = new ArrayList<>();
            Stage parent = stage == null ? null : analysis.parentStage(stage).orElse(null);
            for (Instruction instruction : parent == null ? List.<Instruction>of() : parent.instructions()) {
                if (instruction instanceof Instruction.Env env) {
                    env.pairs().forEach(pair -> keys.add(pair.key().value()));
                }
            }
            return keys;
        }
    }

    private record Outcome(int lints, int reused) {
    }

    private static Outcome editAndCompare(String name, String original, LintConfig config, int edits, Random random) {
        String text = original;
        IncrementalLint state = IncrementalLint.EMPTY;
        Dockerfile file = null;
        int reused = 0;
        for (int i = 0; i <= edits; i++) {
            // as the server does it: each version parsed from the last one's parse, linted incrementally;
            // compared with a full parse and a full lint
            file = file == null ? Dockerfiles.parse(text) : Dockerfiles.reparse(file, text);
            IncrementalLint.Result result = state.lint(LINTER, file, config, null);
            List<Finding> full = LINTER.lint(Dockerfiles.parse(text), config, null);
            assertEquals(full, result.findings(), name + " after " + i + " edits:\n" + text);
            reused += result.reusedParts();
            state = result.state();
            text = EDITS.edit(text, random);
        }
        return new Outcome(edits + 1, reused);
    }

    private static LintConfig ignoring(LintConfig c, String code) {
        return new LintConfig(Set.of(code), c.overrides(), c.trustedRegistries(), c.labelSchema(), c.strictLabels(),
                c.failureThreshold(), c.noFail(), c.disableIgnorePragma(), c.enabled());
    }

}
