package dev.dftools.lint.rules.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.LintConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariableScopesTest {

    private static Analysis analysis(String text) {
        return new Analysis(Dockerfiles.parse(text), LintConfig.defaults());
    }

    /** The scope before the instruction starting on a 1-based line. */
    private static VariableScopes.Scope before(Analysis analysis, VariableScopes scopes, int line) {
        Dockerfile file = analysis.dockerfile();
        for (Instruction instruction : file.instructions()) {
            if (instruction.range().startLine() == line) {
                return scopes.before(instruction);
            }
        }
        throw new AssertionError("no instruction on line " + line);
    }

    @Test
    void globalArgsAreVisibleOnlyOnceRedeclared() {
        Analysis a = analysis("ARG V=1\nFROM scratch\nRUN a\nARG V\nRUN b\n");
        VariableScopes scopes = VariableScopes.of(a);
        assertEquals(Set.of("V"), scopes.globalArgNames());
        assertFalse(before(a, scopes, 3).defines("V"));
        assertEquals("1", before(a, scopes, 5).env().get("V"));
    }

    @Test
    void automaticPlatformArgsNeedAnArgInTheStage() {
        Analysis a = analysis("FROM scratch\nRUN a\nARG TARGETARCH\nRUN b\n");
        VariableScopes scopes = VariableScopes.of(a);
        assertFalse(before(a, scopes, 2).defines("TARGETARCH"));
        assertEquals("amd64", before(a, scopes, 4).env().get("TARGETARCH"));
    }

    @Test
    void argDefaultsExpandInOrderButEnvPairsSeeTheOldValues() {
        Analysis a = analysis("FROM scratch\nARG A=1 B=$A\nENV C=x D=$C\nRUN end\n");
        VariableScopes scopes = VariableScopes.of(a);
        VariableScopes.Scope end = before(a, scopes, 4);
        assertEquals("1", end.env().get("B"));
        assertEquals("", end.env().get("D"));
        assertEquals("x", end.env().get("C"));
    }

    @Test
    void argWithoutValueIsDeclaredButUnset() {
        Analysis a = analysis("FROM scratch\nARG NOVALUE\nRUN end\n");
        VariableScopes.Scope end = before(a, VariableScopes.of(a), 3);
        assertTrue(end.defines("NOVALUE"));
        assertNull(end.env().get("NOVALUE"));
    }

    @Test
    void childStagesInheritFromTheirParentStageOnly() {
        Analysis a = analysis("FROM scratch AS base\nENV A=1\nARG B\n"
                + "FROM base\nRUN child\n"
                + "FROM alpine\nRUN other\n");
        VariableScopes scopes = VariableScopes.of(a);
        VariableScopes.Scope child = before(a, scopes, 5);
        assertEquals("1", child.env().get("A"));
        assertTrue(child.defines("B"));
        assertTrue(child.fromScratch());
        VariableScopes.Scope other = before(a, scopes, 7);
        assertFalse(other.defines("A"));
        assertFalse(other.fromScratch());
        assertTrue(other.defines("PATH"), "BuildKit sets a default PATH");
    }

    @Test
    void aLongChainOfStagesSeesEveryAncestorsVariablesAndOnlyThose() {
        StringBuilder text = new StringBuilder("FROM scratch AS s0\nARG V0=0\nENV E0=$V0\n");
        int stages = 3 * LayeredEnv.MAX_DEPTH; // deeper than a lookup walks: the layers are flattened
        for (int i = 1; i < stages; i++) {
            text.append("FROM s").append(i - 1).append(" AS s").append(i).append("\nARG V").append(i).append('=')
                    .append(i).append("\nENV E").append(i).append("=$V").append(i - 1).append(" E0=again").append(i)
                    .append("\n");
        }
        text.append("FROM alpine\nRUN unrelated\nFROM s").append(stages - 1).append("\nRUN last\n");
        Analysis a = analysis(text.toString());
        VariableScopes scopes = VariableScopes.of(a);
        VariableScopes.Scope last = before(a, scopes, 3 * stages + 4);
        for (int i = 0; i < stages; i++) {
            assertEquals(String.valueOf(i), last.env().get("V" + i));
            assertTrue(last.defines("V" + i));
        }
        assertEquals(String.valueOf(stages - 2), last.env().get("E" + (stages - 1)));
        assertEquals("again" + (stages - 1), last.env().get("E0"));
        assertEquals(List.of("PATH", "V0", "E0", "V1", "E1"), List.copyOf(last.env().names()).subList(0, 5));
        assertEquals(1 + 2 * stages, last.env().names().size());
        assertTrue(last.fromScratch());
        VariableScopes.Scope unrelated = before(a, scopes, 3 * stages + 2);
        assertFalse(unrelated.defines("V0"));
        // a scope made earlier is not changed by what later stages define
        VariableScopes.Scope third = before(a, scopes, 8); // ARG V2 of stage s2
        assertEquals("0", third.env().get("E1"));
        assertNull(third.env().get("V2"));
        assertEquals("again1", third.env().get("E0"));
    }
}
