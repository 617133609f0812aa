package dev.dftools.lint;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, on the rule class. Codes are {@code DF} + 4 digits, grouped: 1xxx syntax and
 * directives, 2xxx FROM and stages, 3xxx RUN/shell/packages/layers, 4xxx COPY/ADD/context, 5xxx
 * metadata. A code is never reused. Aliases are the hadolint code ({@code DL3008}) and/or the
 * BuildKit check name ({@code JSONArgsRecommended}) this rule answers to, wherever codes are accepted.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

    String code();

    /** Kebab-case name, e.g. {@code apt-lists-not-removed}. */
    String slug();

    Severity severity();

    /** One sentence: what is wrong. */
    String summary();

    String[] aliases() default {};

    String[] tags() default {};

    /** Off unless enabled in the configuration (hadolint's "ignore" severity, BuildKit's experimental). */
    boolean enabledByDefault() default true;
}
