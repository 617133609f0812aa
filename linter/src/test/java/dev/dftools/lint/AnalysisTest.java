package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.ast.Stage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link Analysis} finds by offset: an instruction's stage, an ONBUILD's trigger, a stage's text. */
class AnalysisTest {

    private static final String TEXT = "ARG BASE=alpine\n# first\nFROM $BASE AS a\nRUN one\nONBUILD RUN two\n"
            + "\n# the second stage\nFROM a\nONBUILD COPY x y\nRUN three\n";

    @Test
    void everyInstructionIsInItsStageAndEveryTriggerIsKnown() {
        Dockerfile file = Dockerfiles.parse(TEXT);
        Analysis analysis = new Analysis(file, LintConfig.defaults());
        List<Stage> stages = analysis.stages();
        assertEquals(Optional.empty(), analysis.stageOf(file.instructions().get(0)), "the global ARG");
        int triggers = 0;
        for (Stage stage : stages) {
            assertEquals(Optional.of(stage), analysis.stageOf(stage.from()));
            for (Instruction i : stage.instructions()) {
                assertEquals(Optional.of(stage), analysis.stageOf(i), i.toString());
                assertFalse(analysis.isOnbuildTrigger(i), "a top-level instruction: " + i);
                if (i instanceof Instruction.Onbuild onbuild) {
                    assertEquals(Optional.of(stage), analysis.stageOf(onbuild.trigger()));
                    assertTrue(analysis.isOnbuildTrigger(onbuild.trigger()), onbuild.toString());
                    triggers++;
                }
            }
        }
        assertEquals(2, triggers);
    }

    @Test
    void aStagesTextRunsFromItsCommentsToTheNextStage() {
        Analysis analysis = new Analysis(Dockerfiles.parse(TEXT), LintConfig.defaults());
        assertEquals("# first\nFROM $BASE AS a\nRUN one\nONBUILD RUN two\n\n", analysis.stageText(analysis.stages().get(0)));
        assertEquals("# the second stage\nFROM a\nONBUILD COPY x y\nRUN three\n", analysis.stageText(analysis.stages().get(1)));
    }
}
