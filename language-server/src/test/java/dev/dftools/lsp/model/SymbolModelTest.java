package dev.dftools.lsp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lsp.Cursor;
import dev.dftools.lsp.document.DocumentSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolModelTest {

    private static VariableReference ref(SymbolModel model, int nth, String name) {
        return model.variableReferences().stream().filter(r -> r.name().equals(name)).skip(nth).findFirst()
                .orElseThrow();
    }

    @Test
    void globalArgIsVisibleInFromButNotInStageUnlessRedeclared() {
        DocumentSnapshot doc = Cursor.doc("""
                ARG VERSION=3.19
                FROM alpine:${VERSION} AS base
                RUN echo $VERSION
                ARG VERSION
                RUN echo $VERSION
                """);
        SymbolModel model = SymbolModel.of(doc);
        VariableReference inFrom = ref(model, 0, "VERSION");
        assertEquals(VariableKind.GLOBAL_ARG, inFrom.target().kind());
        assertNull(ref(model, 1, "VERSION").target(), "a global ARG is not visible in the stage before ARG VERSION");
        VariableReference after = ref(model, 2, "VERSION");
        assertEquals(VariableKind.ARG, after.target().kind());
        assertSame(inFrom.target().symbol(), after.target().symbol(), "the re-declaration joins the global symbol");
        assertEquals(4, after.target().nameWord().range().startLine());
    }

    @Test
    void envIsInheritedByStagesBuiltFromAnEarlierStageButArgIsNot() {
        SymbolModel model = SymbolModel.of(Cursor.doc("""
                FROM alpine AS base
                ARG A=1
                ENV E=2
                FROM base AS child
                RUN echo $E $A
                """));
        assertEquals(0, model.stages().get(1).baseStage());
        assertEquals(VariableKind.ENV, ref(model, 0, "E").target().kind());
        assertEquals(0, ref(model, 0, "E").target().stageIndex());
        assertNull(ref(model, 0, "A").target());
        assertEquals(1, model.stageReferences().size());
        assertEquals(StageReference.Kind.FROM, model.stageReferences().get(0).kind());
    }

    @Test
    void referencesInContinuationsHeredocsAndFlagsHaveExactRanges() {
        DocumentSnapshot doc = Cursor.doc("""
                FROM alpine
                ARG DIR=/x
                RUN --mount=type=cache,target=${DIR} echo a \\
                  # comment
                  && echo ${DIR:-b}
                RUN <<EOF
                echo "$DIR"
                EOF
                RUN <<'EOF'
                echo $DIR
                EOF
                CMD echo $DIR
                """);
        SymbolModel model = SymbolModel.of(doc);
        List<VariableReference> refs = model.variableReferences();
        assertEquals(4, refs.size(), refs.toString());
        for (int i = 0; i < 3; i++) {
            VariableReference r = refs.get(i);
            assertEquals("DIR", doc.text().substring(r.nameRange().start().offset(), r.nameRange().end().offset()));
            assertNotNull(r.target());
        }
        assertEquals(5, refs.get(1).nameRange().startLine());
        assertEquals(7, refs.get(2).nameRange().startLine());
        assertNull(refs.get(3).target(), "CMD runs in the container, where ARGs do not exist");
    }

    @Test
    void singleQuotesAndEscapesHideReferences() {
        SymbolModel model = SymbolModel.of(Cursor.doc("FROM alpine\nENV A=1\nRUN echo '$A' \\$A \"$A\"\n"));
        assertEquals(1, model.variableReferences().size());
    }

    @Test
    void predefinedArgs() {
        SymbolModel model = SymbolModel.of(Cursor.doc("""
                FROM --platform=$BUILDPLATFORM golang AS build
                RUN echo $TARGETARCH $HTTP_PROXY
                ARG TARGETARCH
                RUN echo $TARGETARCH
                """));
        assertEquals(VariableKind.PREDEFINED, ref(model, 0, "BUILDPLATFORM").target().kind());
        assertNull(ref(model, 0, "TARGETARCH").target());
        assertEquals(VariableKind.PREDEFINED, ref(model, 0, "HTTP_PROXY").target().kind());
        assertEquals(VariableKind.ARG, ref(model, 1, "TARGETARCH").target().kind());
    }

    @Test
    void stageReferencesFromCopyAndMount() {
        DocumentSnapshot doc = Cursor.doc("""
                FROM golang AS Build
                FROM alpine
                COPY --from=build /out /out
                RUN --mount=type=bind,from=build,target=/b true
                COPY --from=nginx /etc /etc
                """);
        SymbolModel model = SymbolModel.of(doc);
        assertEquals(2, model.stageReferences().size());
        assertTrue(model.stageReferences().stream().allMatch(r -> r.target().index() == 0));
        StageReference mount = model.stageReferences().get(1);
        assertEquals("build", doc.text().substring(mount.range().start().offset(), mount.range().end().offset()));
        assertEquals(3, model.occurrencesOf(model.stages().get(0)).size());
    }

    @Test
    void cachedPerSnapshotAndScopeQueries() {
        Cursor c = Cursor.of("ARG G=1\nFROM alpine\nARG A\nENV B=2\nRUN echo $|\nENV C=3\n");
        assertSame(SymbolModel.of(c.snapshot()), SymbolModel.of(c.snapshot()));
        assertEquals(java.util.Set.of("A", "B"), SymbolModel.of(c.snapshot()).variablesInScope(c.offset()).keySet());
    }
}
