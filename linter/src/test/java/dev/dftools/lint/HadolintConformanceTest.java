package dev.dftools.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.rules.Rules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * hadolint's own rule tests (shared/conformance/hadolint-cases/cases.jsonl) run through dflint,
 * mapping DL codes through the rule aliases and honouring each case's config. Prints agreement
 * per rule. A disagreement must be listed with its reason in hadolint-disagreements.tsv, a DL
 * rule without a dflint rule in hadolint-not-implemented.tsv; the test fails otherwise, and
 * also when a listed disagreement has gone away (so the lists stay true).
 */
class HadolintConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleRegistry REGISTRY = Rules.registry();
    private static final Linter LINTER = new Linter(REGISTRY);
    /** The cases of DL rules do not need ShellCheck processes (they cost ~30 ms each). */
    private static final Linter WITHOUT_SHELLCHECK = new Linter(new RuleRegistry(Rules.all().stream()
            .filter(r -> !RuleMeta.of(r.getClass()).code().equals("DF3900")).toList()));
    private static final boolean SHELLCHECK = shellcheckOnPath();

    private static boolean shellcheckOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(java.nio.file.Path.of(dir, "shellcheck"))) {
                return true;
            }
        }
        return false;
    }

    record Case(String id, String rule, String dockerfile, boolean catches, boolean onbuild, Integer count,
            JsonNode config) {
    }

    @Test
    void hadolintCasesAgree() throws IOException {
        Map<String, String> disagreements = tsv("/hadolint-disagreements.tsv");
        Map<String, String> notImplemented = tsv("/hadolint-not-implemented.tsv");
        Map<String, int[]> perRule = new TreeMap<>(); // rule -> {agree, total}
        List<String> unexpected = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int skipped = 0;
        int total = 0;
        for (Case c : cases()) {
            Set<String> codes = c.rule().equals("*") || c.rule().equals("SC*") ? Set.of(c.rule())
                    : REGISTRY.resolve(c.rule());
            if ((c.rule().startsWith("SC") && !SHELLCHECK) || codes.isEmpty()) {
                if (!notImplemented.containsKey(c.rule()) && !c.rule().startsWith("SC")) {
                    unexpected.add(c.id() + ": no dflint rule answers to " + c.rule()
                            + " and it is not listed in hadolint-not-implemented.tsv");
                }
                skipped++;
                continue;
            }
            total++;
            boolean agree = agrees(c, codes);
            int[] tally = perRule.computeIfAbsent(c.rule(), k -> new int[2]);
            tally[1]++;
            if (agree) {
                tally[0]++;
                if (disagreements.containsKey(c.id())) {
                    stale.add(c.id());
                }
            } else if (!disagreements.containsKey(c.id())) {
                unexpected.add(c.id() + " (" + c.rule() + ", expected " + (c.catches() ? "catch" : "no catch")
                        + (c.onbuild() ? ", onbuild" : "") + "):\n" + c.dockerfile());
            }
        }
        int agreeing = perRule.values().stream().mapToInt(t -> t[0]).sum();
        System.out.printf("hadolint cases: %d/%d agree, %d listed disagreements, %d skipped%s%n", agreeing, total,
                disagreements.size(), skipped, SHELLCHECK ? "" : " (SC cases: shellcheck is not on PATH)");
        System.out.println("  per rule: " + perRule.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", ")));
        assertTrue(unexpected.isEmpty(), unexpected.size() + " unlisted disagreements:\n"
                + String.join("\n\n", unexpected));
        assertTrue(stale.isEmpty(), "listed in hadolint-disagreements.tsv but now agree: " + stale);
    }

    private static boolean agrees(Case c, Set<String> codes) {
        String text = c.dockerfile() + "\n";
        if (c.onbuild()) {
            text = text.replaceAll("(?m)^RUN ", "ONBUILD RUN ");
        }
        LintConfig config = config(c.config()).withAllRulesEnabled();
        Linter linter = c.rule().startsWith("SC") ? LINTER : WITHOUT_SHELLCHECK;
        List<Finding> findings = linter.lint(Dockerfiles.parse(text), config, null);
        long n = findings.stream()
                .filter(f -> codes.contains("*") ? f.rule().aliases().stream().anyMatch(a -> a.startsWith("DL"))
                        : codes.contains("SC*") ? f.code().startsWith("SC") : codes.contains(f.code()))
                .count();
        if (!c.catches()) {
            return n == 0;
        }
        if (c.onbuild()) {
            return n == 1;
        }
        return c.count() != null ? n == c.count() : n >= 1;
    }

    static LintConfig config(JsonNode node) {
        LintConfig defaults = LintConfig.defaults();
        if (node == null) {
            return defaults;
        }
        List<String> registries = new ArrayList<>();
        node.path("allowedRegistries").forEach(r -> registries.add(r.asText()));
        Map<String, String> schema = new LinkedHashMap<>();
        node.path("labelSchema").fields().forEachRemaining(e -> schema.put(e.getKey(), e.getValue().asText()));
        List<String> ignored = new ArrayList<>();
        node.path("ignoreRules").forEach(r -> ignored.add(r.asText()));
        return new LintConfig(Set.copyOf(ignored), defaults.overrides(), registries, schema,
                node.path("strictLabels").asBoolean(false), defaults.failureThreshold(), false, false, Set.of());
    }

    static List<Case> cases() throws IOException {
        List<Case> result = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : Files.readAllLines(Shared.path("conformance", "hadolint-cases", "cases.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            String base = n.get("source").asText().replaceAll(".*/", "") + ":" + n.get("source_line").asInt()
                    + (n.get("onbuild").asBoolean() ? ":onbuild" : "");
            int k = seen.merge(base, 1, Integer::sum);
            String id = k == 1 ? base : base + "#" + k;
            result.add(new Case(id, n.get("rule").asText(), n.get("dockerfile").asText(),
                    n.get("expect").asText().equals("catches"), n.get("onbuild").asBoolean(),
                    n.has("count") ? n.get("count").asInt() : null, n.get("config")));
        }
        return result;
    }

    /** name TAB reason lines; '#' comments. */
    static Map<String, String> tsv(String resource) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        InputStream in = HadolintConformanceTest.class.getResourceAsStream(resource);
        if (in == null) {
            return result;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                if (parts.length < 2 || parts[1].isBlank()) {
                    throw new IllegalStateException(resource + ": every entry needs a reason: " + line);
                }
                result.put(parts[0].trim(), parts[1].trim());
            }
        }
        return result;
    }
}
