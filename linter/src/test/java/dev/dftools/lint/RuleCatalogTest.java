package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lint.rules.Rules;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rule catalog is consistent: codes unique and well formed, each rule has a fixture and a doc page. */
class RuleCatalogTest {

    private static final Pattern CODE = Pattern.compile("DF[1-5]\\d{3}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @Test
    void codesAndSlugsAreUniqueAndWellFormed() {
        List<String> problems = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        for (RuleMeta meta : Rules.registry().metas()) {
            if (!CODE.matcher(meta.code()).matches()) {
                problems.add(meta.code() + ": code must be DF + 4 digits in 1xxx-5xxx");
            }
            if (!SLUG.matcher(meta.slug()).matches() || !slugs.add(meta.slug())) {
                problems.add(meta.code() + ": slug '" + meta.slug() + "' is not unique kebab-case");
            }
            if (meta.summary().isBlank() || !meta.summary().endsWith(".")) {
                problems.add(meta.code() + ": summary must be one sentence ending in '.'");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyRuleHasAFixtureAndADocSidecar() {
        List<String> missing = new ArrayList<>();
        for (RuleMeta meta : Rules.registry().metas()) {
            if (!Files.exists(RuleFixtures.dir(meta.code()).resolve("Dockerfile"))) {
                missing.add(meta.code() + ": no fixture " + RuleFixtures.dir(meta.code()).resolve("Dockerfile"));
            }
            if (!Files.exists(RuleDocs.SIDECARS.resolve(meta.code() + ".md"))) {
                missing.add(meta.code() + ": no doc sidecar " + RuleDocs.SIDECARS.resolve(meta.code() + ".md"));
            }
        }
        System.out.printf("rule catalog: %d rules%n", Rules.registry().metas().size());
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }
}
