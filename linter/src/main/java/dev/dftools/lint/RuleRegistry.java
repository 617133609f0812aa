package dev.dftools.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules and their metadata, and the resolution of any name users write (DF code, slug,
 * hadolint DL code, BuildKit check name, ShellCheck SC code) to the codes it stands for.
 */
public final class RuleRegistry {

    /** Codes that are compared case-insensitively; BuildKit names are case-sensitive, like BuildKit. */
    private static final Pattern CODE = Pattern.compile("(?i)(DF|DL|SC)\\d+");

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, RuleMeta> metas = new LinkedHashMap<>();
    /** {@link #resolve}'s answers, by name. */
    private final Map<String, Set<String>> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    public RuleRegistry(List<? extends Rule> ruleList) {
        for (Rule rule : ruleList) {
            RuleMeta meta = RuleMeta.of(rule.getClass());
            if (metas.putIfAbsent(meta.code(), meta) != null) {
                throw new IllegalStateException("duplicate rule code " + meta.code());
            }
            rules.put(meta.code(), rule);
        }
    }

    public List<RuleMeta> metas() {
        return List.copyOf(metas.values());
    }

    public Rule rule(String code) {
        return rules.get(code);
    }

    public Optional<RuleMeta> meta(String code) {
        return Optional.ofNullable(metas.get(code.toUpperCase(Locale.ROOT)));
    }

    /**
     * The DF codes a name stands for: a DF code itself, a slug, or an alias (several rules may
     * share one, e.g. BuildKit's MultipleInstructionsDisallowed). SC codes stand for themselves.
     * Empty when the name is unknown.
     */
    public Set<String> resolve(String name) {
        // every lint asks for the configuration's names again (an editor: every keystroke), and
        // the registry never changes
        return resolved.computeIfAbsent(name, this::search);
    }

    private Set<String> search(String name) {
        String trimmed = name.trim();
        Set<String> codes = new LinkedHashSet<>();
        boolean isCode = CODE.matcher(trimmed).matches();
        for (RuleMeta meta : metas.values()) {
            if (isCode ? meta.code().equalsIgnoreCase(trimmed)
                    || meta.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(trimmed))
                    : meta.slug().equals(trimmed) || meta.aliases().contains(trimmed)) {
                codes.add(meta.code());
            }
        }
        if (codes.isEmpty() && trimmed.toUpperCase(Locale.ROOT).startsWith("SC") && isCode) {
            codes.add(trimmed.toUpperCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(codes);
    }

    /** True when the name means something here (used to report unknown codes in configuration). */
    public boolean isKnown(String name) {
        return !resolve(name).isEmpty();
    }

    /** The rules whose metadata names a BuildKit check (an alias without a DL/SC code shape). */
    public List<RuleMeta> buildKitChecks() {
        List<RuleMeta> result = new ArrayList<>();
        for (RuleMeta meta : metas.values()) {
            if (meta.aliases().stream().anyMatch(a -> !CODE.matcher(a).matches())) {
                result.add(meta);
            }
        }
        return result;
    }

    public static boolean isBuildKitName(String alias) {
        return !CODE.matcher(alias).matches();
    }
}
