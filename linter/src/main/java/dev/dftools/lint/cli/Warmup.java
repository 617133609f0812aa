package dev.dftools.lint.cli;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.grammar.shell.ShellParser;
import dev.dftools.lint.BatchRule;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.RuleMeta;
import dev.dftools.lint.RuleRegistry;
import dev.dftools.lint.Severity;
import dev.dftools.lint.rules.Rules;
import dev.dftools.lint.rules.shell.ShellCheck;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Cold-start help for the CLI: while the main thread parses the command line (picocli's classes
 * cannot be class-data-shared and take ~100 ms to load), two daemon threads build the rule
 * registry and warm the shell parser and the reading of ShellCheck's output, and parse and lint a small built-in Dockerfile, so the
 * grammar, the shell model and every rule are loaded, initialised and past their first
 * interpreted run when the user's files arrive. It has no effect on results and
 * no side effects (batch rules, i.e. ShellCheck, are left out); the JVM does not wait for it.
 * {@code -Ddflint.warmup=false} turns it off (the benchmark compares both).
 */
final class Warmup {

    static final String SAMPLE = """
            # syntax=docker/dockerfile:1
            # check=skip=JSONArgsRecommended
            ARG BASE=debian:12
            FROM ${BASE} AS build
            LABEL org.opencontainers.image.source="https://example.com/x" version=1.0
            ENV APP_HOME=/app PATH=/app/bin:$PATH
            WORKDIR $APP_HOME
            RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 \\
                && curl -fsSL https://example.com/a.tar.gz | tar -xz -C /opt \\
                && rm -rf /var/lib/apt/lists/*
            RUN <<EOF
            set -e
            pip install --no-cache-dir requests==2.31.0
            EOF
            COPY --chown=1000:1000 --chmod=644 requirements.txt ./
            ADD https://example.com/file.txt /tmp/
            FROM alpine:3.19
            RUN apk add --no-cache ca-certificates && adduser -D app
            COPY --from=build /opt /opt
            USER app
            EXPOSE 8080/tcp
            HEALTHCHECK --interval=30s CMD wget -q -O- http://localhost:8080/ || exit 1
            ONBUILD RUN echo hi
            SHELL ["/bin/sh", "-c"]
            ENTRYPOINT ["/opt/app"]
            CMD ["--serve"]
            """;

    private Warmup() {
    }

    static void startInBackground() {
        if ("false".equals(System.getProperty("dflint.warmup"))) {
            return;
        }
        CompletableFuture<RuleRegistry> registry = new CompletableFuture<>();
        daemon("dflint-warmup-rules", () -> {
            try {
                registry.complete(Rules.registry());
            } catch (RuntimeException | Error e) {
                registry.completeExceptionally(e); // the lint thread gives up too
            }
            ShellCheck.warmUp();
            ShellParser.parse("apt-get update && apt-get install -y x | tee log; [ -f a ] || (cd /b && echo \"$c\")");
        });
        daemon("dflint-warmup-lint", () -> lintSample(registry.join()));
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                // only a head start: the real run does the same work and reports its own problems
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Parses and lints the sample without batch rules; the findings are for the test. */
    static List<Finding> lintSample(RuleRegistry registry) {
        Dockerfile sample = Dockerfiles.parse(SAMPLE);
        Set<String> batchRules = registry.metas().stream().map(RuleMeta::code)
                .filter(code -> registry.rule(code) instanceof BatchRule).collect(Collectors.toSet());
        LintConfig config = new LintConfig(batchRules, Map.of(), List.of(), Map.of(), false, Severity.INFO,
                false, false, Set.of());
        return new Linter(registry).lint(sample, config, null);
    }
}
