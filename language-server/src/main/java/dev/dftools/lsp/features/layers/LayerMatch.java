package dev.dftools.lsp.features.layers;

import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.sim.report.LayerReport;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the instruction a report's layer belongs to, and only while its text still matches: the
 * report's {@code instruction} is the instruction with variables expanded, so the document's text
 * is compared with each {@code $VAR} / {@code ${…}} standing for any text, white space and line
 * continuations normalised. A changed line means the report is stale for it.
 */
final class LayerMatch {

    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{[^}]*}|[A-Za-z_][A-Za-z0-9_]*)");

    private LayerMatch() {
    }

    static Optional<Instruction> instruction(Dockerfile file, LayerReport layer) {
        for (Instruction instruction : file.instructions()) {
            if (instruction.range().startLine() == layer.line()) {
                return matches(file, instruction, layer.instruction()) ? Optional.of(instruction) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean matches(Dockerfile file, Instruction instruction, String reported) {
        String source = normalise(file.text().substring(instruction.range().start().offset(),
                instruction.range().end().offset()), file.escape());
        String expanded = normalise(reported, '\0');
        StringBuilder regex = new StringBuilder("(?is)");
        var m = VARIABLE.matcher(source);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(source.substring(last, m.start()))).append(".*?");
            last = m.end();
        }
        regex.append(Pattern.quote(source.substring(last)));
        return Pattern.compile(regex.toString()).matcher(expanded).matches();
    }

    private static String normalise(String text, char escape) {
        String joined = escape == '\0' ? text : text.replace(escape + "\r\n", " ").replace(escape + "\n", " ");
        return joined.replaceAll("\\s+", " ").strip();
    }
}
