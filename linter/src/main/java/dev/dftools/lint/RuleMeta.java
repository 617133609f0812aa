package dev.dftools.lint;

import java.util.List;

/** A rule's metadata as a value, read from its {@link RuleInfo}. */
public record RuleMeta(String code, String slug, Severity severity, String summary, List<String> aliases,
        List<String> tags, boolean enabledByDefault) {

    public RuleMeta {
        aliases = List.copyOf(aliases);
        tags = List.copyOf(tags);
    }

    /** The rule's metadata: from the compile-time index of the shipped rules, else from its annotation. */
    public static RuleMeta of(Class<?> ruleClass) {
        RuleMeta indexed = RuleInfoIndex.find(ruleClass.getName());
        return indexed != null ? indexed : fromAnnotation(ruleClass);
    }

    /** Read by reflection: ~0.3 ms per rule on a cold JVM, which is why the index exists. */
    static RuleMeta fromAnnotation(Class<?> ruleClass) {
        RuleInfo info = ruleClass.getAnnotation(RuleInfo.class);
        if (info == null) {
            throw new IllegalStateException(ruleClass.getName() + " has no @RuleInfo");
        }
        return new RuleMeta(info.code(), info.slug(), info.severity(), info.summary(), List.of(info.aliases()),
                List.of(info.tags()), info.enabledByDefault());
    }

    /** The page that documents the rule. */
    public String docPath() {
        return "docs/rules/" + code + ".md";
    }

    /** True when {@code name} is this rule's code, slug or one of its aliases. */
    public boolean answersTo(String name) {
        return code.equalsIgnoreCase(name) || slug.equals(name) || aliases.contains(name);
    }
}
