package dev.dftools.lint.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dftools.lint.Finding;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** GitLab's Code Quality report (Code Climate issues with a stable fingerprint). */
public final class GitlabReporter implements Reporter {

    @Override
    public void write(List<LintedFile> files, PrintWriter out) {
        ArrayNode array = JsonReporter.MAPPER.createArrayNode();
        for (LintedFile file : files) {
            for (Finding f : file.findings()) {
                ObjectNode o = array.addObject();
                o.put("type", "issue");
                o.put("check_name", f.code());
                o.put("description", f.code() + " " + f.message());
                o.putArray("categories").add("Bug Risk");
                o.put("severity", switch (f.severity()) {
                    case ERROR -> "blocker";
                    case WARNING -> "major";
                    case INFO -> "info";
                    case STYLE -> "minor";
                });
                ObjectNode location = o.putObject("location");
                location.put("path", file.path());
                ObjectNode lines = location.putObject("lines");
                lines.put("begin", f.range().start().line());
                lines.put("end", f.range().end().line());
                // stable across runs and unrelated edits elsewhere in the file
                o.put("fingerprint", sha1(file.path() + "|" + f.code() + "|" + f.message() + "|"
                        + f.range().start().line()));
            }
        }
        try {
            out.println(JsonReporter.MAPPER.writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
