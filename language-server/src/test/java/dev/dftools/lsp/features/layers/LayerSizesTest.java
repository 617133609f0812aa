package dev.dftools.lsp.features.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lint.BuildContext;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.ReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSizesTest {

    private static final Range ALL = new Range(new Position(0, 0), new Position(10_000, 0));
    private static final String DOCKERFILE = """
            FROM alpine:3.19
            ARG DIR=/srv
            COPY app.jar ${DIR}/
            COPY \\
              conf/ /etc/app/
            ENV A=1
            RUN echo built
            """;

    @TempDir
    Path context;
    private final List<String> errors = new ArrayList<>();
    private String uri;

    @BeforeEach
    void setUp() throws IOException {
        Files.write(context.resolve("app.jar"), new byte[3000]);
        Files.createDirectories(context.resolve("conf"));
        Files.write(context.resolve("conf/a.yaml"), new byte[100]);
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        uri = context.resolve("Dockerfile").toUri().toString();
    }

    private BuildReport simulate(String text) throws Exception {
        return BuildSimulation.dryRun(DocumentSnapshot.parse(uri, 1, text),
                new BuildContext(context, context.resolve("Dockerfile")));
    }

    private static String labelAt(List<InlayHint> hints, int line) {
        return hints.stream().filter(h -> h.getPosition().getLine() == line).map(h -> h.getLabel().getLeft())
                .findFirst().orElse(null);
    }

    @Test
    void showsEachLayersSizeFromASavedReportAtTheEndOfItsInstruction() throws Exception {
        Files.createDirectories(context.resolve(".dfsim"));
        Files.writeString(context.resolve(".dfsim/report.json"), ReportJson.write(simulate(DOCKERFILE)));
        LayerReports reports = new LayerReports((what, e) -> errors.add(what));
        Optional<BuildReport> report = reports.reportFor(uri, Optional.of(context), ".dfsim/report.json");
        assertTrue(report.isPresent());

        DocumentSnapshot snapshot = DocumentSnapshot.parse(uri, 1, DOCKERFILE);
        List<InlayHint> hints = LayerSizes.inlayHints(snapshot, report, ALL);
        assertEquals("2.9 KiB", labelAt(hints, 2), hints.toString());           // COPY app.jar ${DIR}/ (variable expanded in the report)
        assertEquals(new Position(2, "COPY app.jar ${DIR}/".length()), hints.get(0).getPosition());
        assertEquals("100 B", labelAt(hints, 4));                                 // the continued COPY ends on line 5
        assertEquals("size unknown (not executed)", labelAt(hints, 6));           // RUN in a dry run
        assertEquals(null, labelAt(hints, 5));                                    // ENV: no layer
        List<CodeLens> lenses = LayerSizes.codeLenses(snapshot, report);
        assertEquals(LayerSizes.SIMULATE_COMMAND, lenses.get(0).getCommand().getCommand());
        assertEquals(List.of(uri), lenses.get(0).getCommand().getArguments());
        assertTrue(lenses.get(1).getCommand().getTitle().startsWith("Image 3.0 KiB in "), lenses.get(1).getCommand().getTitle());
        assertEquals(List.of(), errors);
    }

    @Test
    void aChangedLineHidesItsStaleSizeButKeepsTheOthers() throws Exception {
        BuildReport report = simulate(DOCKERFILE);
        String edited = DOCKERFILE.replace("COPY app.jar ${DIR}/", "COPY app2.jar ${DIR}/");
        List<InlayHint> hints = LayerSizes.inlayHints(DocumentSnapshot.parse(uri, 2, edited), Optional.of(report), ALL);
        assertEquals(null, labelAt(hints, 2));
        assertEquals("100 B", labelAt(hints, 4));
        String shifted = "# a new first line\n" + DOCKERFILE;
        assertEquals(List.of(), LayerSizes.inlayHints(DocumentSnapshot.parse(uri, 3, shifted), Optional.of(report), ALL)
                .stream().filter(h -> !h.getLabel().getLeft().startsWith("size unknown")).toList());
    }

    @Test
    void onlyHintsTheVisibleRangeAndIgnoresReportsOfOtherDockerfilesOrBrokenFiles() throws Exception {
        BuildReport report = simulate(DOCKERFILE);
        List<InlayHint> hints = LayerSizes.inlayHints(DocumentSnapshot.parse(uri, 1, DOCKERFILE), Optional.of(report),
                new Range(new Position(3, 0), new Position(4, 99)));
        assertEquals(1, hints.size());
        Files.createDirectories(context.resolve(".dfsim"));
        Files.writeString(context.resolve(".dfsim/report.json"), ReportJson.write(report).replace(
                "\"dockerfile\" : \"Dockerfile\"", "\"dockerfile\" : \"other.Dockerfile\""));
        LayerReports reports = new LayerReports((what, e) -> errors.add(what));
        assertFalse(reports.reportFor(uri, Optional.of(context), ".dfsim/report.json").isPresent());
        Files.writeString(context.resolve(".dfsim/report.json"), "{ not json");
        assertFalse(reports.reportFor(uri, Optional.of(context), ".dfsim/report.json").isPresent());
        assertEquals(1, errors.size());
        reports.putSimulated(uri, report);
        assertTrue(reports.reportFor(uri, Optional.of(context), ".dfsim/report.json").isPresent(), "the simulated one wins");
    }
}
