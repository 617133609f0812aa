package dev.dftools.lint;

import dev.dftools.grammar.ast.Dockerfile;
import org.eclipse.jdt.annotation.Nullable;

/** One Dockerfile to lint, with its configuration and build context (null: none). */
public record LintJob(Dockerfile dockerfile, LintConfig config, @Nullable BuildContext context) {
}
