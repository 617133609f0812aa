package dev.dftools.lsp.features.layers;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.text.LspRanges;
import dev.dftools.sim.report.BuildReport;
import dev.dftools.sim.report.LayerReport;
import dev.dftools.sim.report.LayerStatus;
import dev.dftools.sim.report.TableRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Layer sizes in the editor: an inlay hint at the end of each layer-producing instruction
 * ("12.3 MiB, 1.1 MiB wasted"), and code lenses on the first line: "Simulate build" (the
 * {@value #SIMULATE_COMMAND} command) and, when a report is shown, the image's totals.
 */
public final class LayerSizes {

    public static final String SIMULATE_COMMAND = "dftools.simulateBuild";

    private LayerSizes() {
    }

    public static List<InlayHint> inlayHints(DocumentSnapshot snapshot, Optional<BuildReport> report, Range visible) {
        if (report.isEmpty()) {
            return List.of();
        }
        List<InlayHint> hints = new ArrayList<>();
        for (LayerReport layer : report.get().layers()) {
            if (layer.emptyLayer()) {
                continue;
            }
            Optional<Instruction> instruction = LayerMatch.instruction(snapshot.ast(), layer);
            if (instruction.isEmpty()) {
                continue; // stale: the line changed since the report was made
            }
            Position end = LspRanges.position(instruction.get().range().end());
            if (end.getLine() < visible.getStart().getLine() || end.getLine() > visible.getEnd().getLine()) {
                continue;
            }
            InlayHint hint = new InlayHint(end, Either.forLeft(label(layer)));
            hint.setPaddingLeft(true);
            hint.setKind(InlayHintKind.Type);
            hint.setTooltip(new MarkupContent(MarkupKind.MARKDOWN, tooltip(layer, report.get())));
            hints.add(hint);
        }
        return hints;
    }

    public static List<CodeLens> codeLenses(DocumentSnapshot snapshot, Optional<BuildReport> report) {
        Range top = new Range(new Position(0, 0), new Position(0, 0));
        List<CodeLens> lenses = new ArrayList<>();
        lenses.add(new CodeLens(top, new Command("Simulate build", SIMULATE_COMMAND, List.of(snapshot.uri())), null));
        report.ifPresent(r -> {
            boolean anyShown = r.layers().stream().anyMatch(l -> !l.emptyLayer()
                    && LayerMatch.instruction(snapshot.ast(), l).isPresent());
            if (anyShown) {
                String title = String.format(Locale.ROOT, "Image %s in %d layers, %s wasted (%s, %s)",
                        TableRenderer.bytes(r.totals().imageSize()), r.totals().layers(),
                        TableRenderer.bytes(r.totals().wastedBytes()), r.mode(), efficiency(r.totals().efficiency()));
                lenses.add(new CodeLens(top, new Command(title, "", List.of()), null));
            }
        });
        return lenses;
    }

    static String label(LayerReport layer) {
        if (layer.status() == LayerStatus.NOT_EXECUTED) {
            return "size unknown (not executed)";
        }
        String size = TableRenderer.bytes(layer.size());
        return layer.wastedBytes() > 0 ? size + ", " + TableRenderer.bytes(layer.wastedBytes()) + " wasted" : size;
    }

    private static String tooltip(LayerReport layer, BuildReport report) {
        StringBuilder s = new StringBuilder();
        s.append("**Layer ").append(layer.step()).append("** (").append(report.mode()).append(", ")
                .append(layer.status().toString().toLowerCase(Locale.ROOT).replace('_', '-')).append(")\n\n");
        s.append("- size: ").append(TableRenderer.bytes(layer.size()));
        if (layer.gzipSize() >= 0) {
            s.append(" (").append(TableRenderer.bytes(layer.gzipSize())).append(" gzipped)");
        }
        s.append("\n- files: ").append(layer.filesAdded()).append(" added, ").append(layer.filesChanged())
                .append(" changed, ").append(layer.filesRemoved()).append(" removed\n");
        if (layer.wastedBytes() > 0) {
            s.append("- wasted: ").append(TableRenderer.bytes(layer.wastedBytes()))
                    .append(" (deleted or overwritten by a later layer)\n");
        }
        if (!layer.largestFiles().isEmpty()) {
            s.append("\nLargest files:\n");
            layer.largestFiles().forEach(f -> s.append("- `").append(f.path()).append("` ")
                    .append(TableRenderer.bytes(f.size())).append('\n'));
        }
        return s.toString();
    }

    private static String efficiency(double e) {
        return String.format(Locale.ROOT, "%.0f%% efficient", e * 100);
    }
}
