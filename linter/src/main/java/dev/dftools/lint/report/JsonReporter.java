package dev.dftools.lint.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Finding;
import dev.dftools.lint.Fix;
import dev.dftools.lint.TextEdit;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * For tools: one JSON array, one object per finding with file, line, column, endLine, endColumn
 * (1-based, end exclusive), code, slug, aliases, severity, message and the fix when there is one.
 */
public final class JsonReporter implements Reporter {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(List<LintedFile> files, PrintWriter out) {
        ArrayNode array = MAPPER.createArrayNode();
        for (LintedFile file : files) {
            for (Finding f : file.findings()) {
                ObjectNode o = array.addObject();
                o.put("file", file.path());
                putRange(o, f.range());
                o.put("code", f.code());
                o.put("slug", f.rule().slug());
                ArrayNode aliases = o.putArray("aliases");
                f.rule().aliases().forEach(aliases::add);
                o.put("severity", f.severity().label());
                o.put("message", f.message());
                if (f.fix() != null) {
                    o.set("fix", fix(f.fix()));
                }
            }
        }
        try {
            out.println(MAPPER.writeValueAsString(array));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    static void putRange(ObjectNode o, SourceRange r) {
        o.put("line", r.start().line());
        o.put("column", r.start().column());
        o.put("endLine", r.end().line());
        o.put("endColumn", r.end().column());
    }

    static ObjectNode fix(Fix fix) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("description", fix.description());
        ArrayNode edits = o.putArray("edits");
        for (TextEdit edit : fix.edits()) {
            ObjectNode e = edits.addObject();
            putRange(e, edit.range());
            e.put("newText", edit.newText());
        }
        return o;
    }
}
