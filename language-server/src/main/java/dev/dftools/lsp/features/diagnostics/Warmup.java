package dev.dftools.lsp.features.diagnostics;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.ast.Dockerfile;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.config.ConfigFile;
import dev.dftools.lsp.document.DocumentSnapshot;
import dev.dftools.lsp.settings.DflsSettings;
import java.util.function.BooleanSupplier;

/**
 * Lints a built-in multi-stage Dockerfile a few times on a daemon thread from the start of the
 * server process, so the classes of the configuration reader ({@link #CONFIG}), the parser, the
 * rules and the diagnostics conversion are loaded and their hot paths profiled. {@code bin/dfls}
 * turns it on ({@code -Ddfls.warmup=true}) in the run that trains its AOT cache, which then holds
 * those classes and profiles; real runs leave it off, because it delayed the answer to the
 * client's {@code initialize} more than it sped up the first lint (docs/dfls.md). It stops as soon
 * as a real document is open, and after {@link #ROUNDS} rounds or {@link #MAX_NANOS} at most.
 */
public final class Warmup {

    /**
     * Rounds of the sample at most. The sample is small, so a round is short even in a cold JVM
     * (the stop condition is checked often); 300 rounds take a few seconds of one core.
     */
    static final int ROUNDS = 300;

    /** And for this long at most: the JIT has compiled the hot paths by then. */
    static final long MAX_NANOS = 3_000_000_000L;

    private static final String STAGE = """
            FROM %s AS stage%d
            ARG VAR_%2$d=value%2$d
            ENV PATH_%2$d=/opt/stage%2$d HOME_%2$d=/home/stage%2$d
            LABEL org.example.stage="stage%2$d" org.example.version="${GLOBAL_VERSION}"
            WORKDIR /data/stage%2$d
            RUN apt-get update && apt-get install -y curl git && \\
                echo "building ${VAR_%2$d}" | tee /log && \\
                mkdir -p /opt/stage%2$d/bin && pip install requests
            COPY --from=stage0 /opt/stage0/bin /opt/stage%2$d/bin/prev
            ADD https://example.com/a.tar.gz /tmp/
            RUN --mount=type=cache,target=/cache/build echo $VAR_%2$d
            EXPOSE %3$d
            HEALTHCHECK --interval=30s --timeout=3s CMD true
            USER root
            copy file%2$d.txt /opt/stage%2$d/
            CMD ["echo", "stage%2$d"]

            """;

    /**
     * A stage written the way real Dockerfiles are (official images' style): comments inside
     * continued lines, tabs, {@code set -eux}, command substitutions, tests, redirections,
     * loops, a heredoc, package managers and their clean-ups, exec forms. The chained stages
     * above warm the per-stage paths; this one the shell and rule paths a real file takes, so
     * the first real file does not find them cold.
     */
    private static final String REALISTIC = """
            FROM debian:bookworm-slim AS app
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            ENV APP_HOME=/srv/app \\
            \tAPP_VERSION=2.4.1
            # persistent dependencies
            RUN set -eux; \\
            \tapt-get update; \\
            \tapt-get install -y --no-install-recommends \\
            # certificates for the downloads below
            \t\tca-certificates \\
            \t\tcurl \\
            \t\tgnupg \\
            \t; \\
            \trm -rf /var/lib/apt/lists/*
            RUN set -ex; \\
            \tsavedAptMark="$(apt-mark showmanual)"; \\
            \tcurl -fsSL "https://example.com/app-${APP_VERSION}.tar.gz" -o app.tar.gz; \\
            \techo "0123456789abcdef  app.tar.gz" | sha256sum -c -; \\
            \tmkdir -p "$APP_HOME"; \\
            \ttar -xzf app.tar.gz -C "$APP_HOME" --strip-components=1; \\
            \trm app.tar.gz; \\
            \tfor f in "$APP_HOME"/bin/*; do [ -x "$f" ] && ln -s "$f" /usr/local/bin/; done; \\
            \tif [ -n "$savedAptMark" ]; then apt-mark manual $savedAptMark > /dev/null; fi; \\
            \tout="$(app --version 2>&1 3>&1 1>&2 2>&3)"; \\
            \t[ -z "$out" ] || { echo >&2 "unexpected: $out"; exit 1; }; \\
            \tcase "$(dpkg --print-architecture)" in amd64) arch=x64 ;; *) arch=other ;; esac; \\
            \tfind /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r dpkg-query --search > /dev/null
            RUN <<EOF
            set -e
            useradd --system --uid 10001 app
            chown -R app:app /srv/app
            EOF
            COPY --chown=app:app --chmod=755 docker-entrypoint.sh /usr/local/bin/
            VOLUME /srv/app/data
            WORKDIR $APP_HOME
            USER app
            STOPSIGNAL SIGQUIT
            ENTRYPOINT ["docker-entrypoint.sh"]
            CMD ["app", "serve", "--port", "8080"]

            """;

    /**
     * A configuration written as projects write their {@code .hadolint.yaml}. The warm-up reads it
     * first, so the AOT cache holds Jackson's classes: the YAML reader's first use in a JVM costs
     * ~200 ms when they must be loaded from the jar. It ignores no rule, so every rule still warms.
     */
    static final String CONFIG = """
            override:
              info:
                - DL3007
            trustedRegistries:
              - docker.io
            label-schema:
              maintainer: text
            """;

    private Warmup() {
    }

    /** {@link #CONFIG} read as the server reads a configuration file; the defaults if it were broken. */
    static LintConfig config() {
        try {
            return ConfigFile.parse(CONFIG, "dfls-warmup", LintConfig.defaults());
        } catch (ConfigFile.ConfigException e) {
            return LintConfig.defaults();
        }
    }

    /** The sample: directives, a global ARG, chained stages that trigger most rule kinds, and a realistic stage. */
    static String sample() {
        StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\nARG GLOBAL_VERSION=1.0\n");
        for (int i = 0; i < 3; i++) {
            text.append(STAGE.formatted(i == 0 ? "alpine:3.19" : "stage" + (i - 1), i, 8000 + i));
        }
        return text.append(REALISTIC).append("FROM scratch AS final\nCOPY --from=stage2 /opt /opt\n").toString();
    }

    /** Starts the warm-up thread; {@code stop} is asked between rounds. */
    public static Thread start(DocumentLinter linter, DflsSettings settings, BooleanSupplier stop) {
        Thread t = new Thread(() -> run(linter, settings, stop), "dfls-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static int run(DocumentLinter linter, DflsSettings settings, BooleanSupplier stop) {
        String uri = "dfls-warmup:sample";
        String text = sample();
        LintSetup setup = new LintSetup(LintSetups.withSettings(config(), settings), null, settings, null);
        // a line typed in the first stage and removed, round after round, as typing does: each
        // version parsed from the previous one's parse and linted incrementally, so the paths of a
        // keystroke (the reparse moving the stages after the edit, the per-stage lint) warm too
        int edit = text.indexOf("USER root\n") + "USER root\n".length();
        String typed = text.substring(0, edit) + "#\n" + text.substring(edit);
        int rounds = 0;
        long start = System.nanoTime();
        Dockerfile previous = null;
        try {
            for (; rounds < ROUNDS && !stop.getAsBoolean() && System.nanoTime() - start < MAX_NANOS; rounds++) {
                String version = rounds % 2 == 0 ? text : typed;
                previous = previous == null ? Dockerfiles.parse(version) : Dockerfiles.reparse(previous, version);
                DocumentSnapshot snapshot = new DocumentSnapshot(uri, rounds, previous);
                DiagnosticConverter.diagnostics(linter.lint(snapshot, setup), settings);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // only a warm-up: the real lint reports its own problems
        } finally {
            linter.forget(uri);
        }
        return rounds;
    }
}
