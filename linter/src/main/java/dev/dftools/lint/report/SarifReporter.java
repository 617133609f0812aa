package dev.dftools.lint.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dftools.grammar.ast.SourceRange;
import dev.dftools.lint.Finding;
import dev.dftools.lint.RuleDocs;
import dev.dftools.lint.RuleMeta;
import dev.dftools.lint.Severity;
import dev.dftools.lint.TextEdit;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
public final class SarifReporter implements Reporter {

    @Override
    public void write(List<LintedFile> files, PrintWriter out) {
        ObjectNode root = JsonReporter.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "dflint");
        driver.put("version", "0.1.0");
        driver.put("informationUri", "https://github.com/dftools/dftools");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (LintedFile file : files) {
            for (Finding f : file.findings()) {
                int index = ruleIndex.computeIfAbsent(f.code(), code -> {
                    rules.add(rule(f.rule()));
                    return rules.size() - 1;
                });
                ObjectNode result = results.addObject();
                result.put("ruleId", f.code());
                result.put("ruleIndex", index);
                result.put("level", level(f.severity()));
                result.putObject("message").put("text", f.message());
                ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", uri(file.path()));
                region(physical.putObject("region"), f.range());
                if (f.fix() != null) {
                    ObjectNode fix = result.putArray("fixes").addObject();
                    fix.putObject("description").put("text", f.fix().description());
                    ObjectNode change = fix.putArray("artifactChanges").addObject();
                    change.putObject("artifactLocation").put("uri", uri(file.path()));
                    ArrayNode replacements = change.putArray("replacements");
                    for (TextEdit edit : f.fix().edits()) {
                        ObjectNode r = replacements.addObject();
                        region(r.putObject("deletedRegion"), edit.range());
                        r.putObject("insertedContent").put("text", edit.newText());
                    }
                }
            }
        }
        try {
            out.println(JsonReporter.MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private ObjectNode rule(RuleMeta meta) {
        ObjectNode rule = JsonReporter.MAPPER.createObjectNode();
        rule.put("id", meta.code());
        rule.put("name", meta.slug());
        rule.putObject("shortDescription").put("text", meta.summary());
        rule.putObject("defaultConfiguration").put("level", level(meta.severity()));
        RuleDocs.sidecar(meta.code()).ifPresent(doc -> rule.putObject("help").put("markdown", doc).put("text",
                meta.summary()));
        ArrayNode tags = rule.putObject("properties").putArray("tags");
        meta.tags().forEach(tags::add);
        meta.aliases().forEach(tags::add);
        return rule;
    }

    private static void region(ObjectNode region, SourceRange range) {
        region.put("startLine", range.start().line());
        region.put("startColumn", range.start().column());
        region.put("endLine", range.end().line());
        region.put("endColumn", range.end().column());
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO, STYLE -> "note";
        };
    }

    private static String uri(String path) {
        return path.replace('\\', '/');
    }
}
