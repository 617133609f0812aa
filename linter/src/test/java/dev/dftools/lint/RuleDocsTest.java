package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lint.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/rules/ is generated from the rule metadata and sidecars; this test fails when a committed
 * page is stale or missing. With DFTOOLS_UPDATE_DOCS=1 it rewrites the pages instead.
 */
class RuleDocsTest {

    private static final Path DOCS = Path.of("../docs/rules");

    @Test
    void committedRulePagesAreCurrent() throws IOException {
        boolean update = "1".equals(System.getenv("DFTOOLS_UPDATE_DOCS"));
        List<RuleMeta> metas = Rules.registry().metas();
        List<String> stale = new ArrayList<>();
        for (RuleMeta meta : metas) {
            String sidecar = RuleDocs.sidecar(meta.code()).orElse(null);
            if (sidecar == null) {
                continue; // RuleCatalogTest reports the missing sidecar
            }
            compare(DOCS.resolve(meta.code() + ".md"), RuleDocs.page(meta, sidecar), update, stale);
        }
        compare(DOCS.resolve("README.md"), RuleDocs.index(metas), update, stale);
        assertTrue(stale.isEmpty(), "stale docs (run DFTOOLS_UPDATE_DOCS=1 mvn -q -pl linter test "
                + "-Dtest=RuleDocsTest): " + stale);
    }

    private static void compare(Path file, String expected, boolean update, List<String> stale) throws IOException {
        String actual = Files.exists(file) ? Files.readString(file) : null;
        if (expected.equals(actual)) {
            return;
        }
        if (update) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        } else {
            stale.add(file.toString());
        }
    }
}
