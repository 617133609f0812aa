package dev.dftools.lint.rules.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Shared;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shells {@link RunShells#before} builds from each stage's start and own events (what an edit
 * recomputes) are those of the walk over the whole file ({@link RunShells#of}), over the rules'
 * fixtures, the corpus and files made to test the edges (pragmas above a FROM, duplicate stage
 * names, Windows images, SHELL in ONBUILD).
 */
class RunShellsTest {

    @Test
    void theStageByStageShellsAreThoseOfTheWholeFileWalk() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "# hadolint shell=zsh\nARG A\nRUN x\nFROM a\nRUN a | b\n# dflint shell=pwsh\nFROM a AS b\nRUN b\n",
                "FROM a AS x\nSHELL [\"/bin/bash\", \"-c\"]\n# hadolint shell=ksh\nFROM x AS y\nRUN y\n"
                        + "FROM b AS x\nRUN z\n# hadolint shell=dash\n\n# trailing\nFROM x\nRUN w\n",
                "FROM mcr.microsoft.com/windows/servercore AS w\nRUN dir\nONBUILD SHELL [\"pwsh\"]\n"
                        + "ONBUILD RUN x\nFROM w\nRUN a \\\n# hadolint shell=fish\n  b\nRUN c\n",
                "# hadolint shell=bash\nFROM a\n# hadolint shell=sh\nRUN x\n"));
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/rules"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().toList()) {
                texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        try (Stream<Path> s = Files.walk(Shared.path("corpus", "real-world"))) {
            for (Path p : s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches("README.md|MANIFEST.tsv")).sorted().toList()) {
                texts.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        int runs = 0;
        int otherShells = 0;
        for (String text : texts) {
            Analysis analysis = new Analysis(Dockerfiles.parse(text), LintConfig.defaults());
            Map<Instruction.Run, RunShells.RunShell> whole = RunShells.of(analysis);
            for (Map.Entry<Instruction.Run, RunShells.RunShell> e : whole.entrySet()) {
                RunShells.RunShell before = RunShells.before(analysis, e.getKey());
                assertNotNull(before, "a shell for every RUN: " + e.getKey().range() + " in\n" + text);
                assertEquals(List.of(e.getValue().shell(), e.getValue().shellName()),
                        List.of(before.shell(), before.shellName()), e.getKey().range() + " in\n" + text);
                runs++;
                otherShells += before.shellName().equals("/bin/sh") ? 0 : 1;
            }
        }
        assertTrue(texts.size() > 500 && runs > 2000, "files and RUNs compared: " + texts.size() + ", " + runs);
        assertTrue(otherShells > 100, "RUNs under another shell than /bin/sh: " + otherShells);
    }
}
