package dev.dftools.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Stage;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.LintConfig;
import org.junit.jupiter.api.Test;

class InheritedVariablesTest {

    private static final String FILE = """
            ARG GLOBAL=1
            FROM alpine AS a
            ARG A=1
            ENV E=1
            FROM a AS b
            RUN true
            FROM alpine AS c
            RUN true
            """;

    @Test
    void aStageBuiltOnAnotherInheritsItsVariablesAndOneBuiltOnAnImageNothing() {
        Analysis analysis = analysis(FILE);
        assertEquals(InheritedVariables.NONE, InheritedVariables.values(analysis, stage(analysis, 0)));
        assertNotEquals(InheritedVariables.NONE, InheritedVariables.values(analysis, stage(analysis, 1)));
        assertEquals(InheritedVariables.NONE, InheritedVariables.values(analysis, stage(analysis, 2)));
        assertEquals(InheritedVariables.NONE, InheritedVariables.values(analysis, null));
    }

    @Test
    void aValueChangesTheValuesButNotTheNames() {
        Analysis before = analysis(FILE);
        Analysis after = analysis(FILE.replace("ENV E=1", "ENV E=2"));
        assertNotEquals(InheritedVariables.values(before, stage(before, 1)),
                InheritedVariables.values(after, stage(after, 1)));
        assertEquals(InheritedVariables.names(before, stage(before, 1)),
                InheritedVariables.names(after, stage(after, 1)));
    }

    @Test
    void aRenamedVariableChangesTheNamesOfTheStagesAfterIt() {
        Analysis before = analysis(FILE);
        Analysis env = analysis(FILE.replace("ENV E=1", "ENV F=1"));
        assertNotEquals(InheritedVariables.names(before, stage(before, 1)), InheritedVariables.names(env, stage(env, 1)));
        // an ARG counts for every later stage (in file order), built on it or not
        Analysis arg = analysis(FILE.replace("ARG A=1", "ARG B=1"));
        assertNotEquals(InheritedVariables.names(before, stage(before, 2)), InheritedVariables.names(arg, stage(arg, 2)));
        assertEquals(InheritedVariables.names(before, stage(before, 0)), InheritedVariables.names(arg, stage(arg, 0)));
    }

    @Test
    void textOutsideTheDefinitionsChangesNothing() {
        Analysis before = analysis(FILE);
        Analysis after = analysis(FILE.replace("RUN true\nFROM alpine", "RUN echo moved\n\n# note\nFROM alpine"));
        for (int i = 0; i < 3; i++) {
            assertEquals(InheritedVariables.values(before, stage(before, i)), InheritedVariables.values(after, stage(after, i)));
            assertEquals(InheritedVariables.names(before, stage(before, i)), InheritedVariables.names(after, stage(after, i)));
        }
    }

    private static Analysis analysis(String text) {
        return new Analysis(Dockerfiles.parse(text), LintConfig.defaults());
    }

    private static Stage stage(Analysis analysis, int index) {
        return analysis.stages().get(index);
    }
}
