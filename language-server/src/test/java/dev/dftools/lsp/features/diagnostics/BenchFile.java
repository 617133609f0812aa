package dev.dftools.lsp.features.diagnostics;

/**
 * The Dockerfile {@code bench/lsp/gen.js} writes (chained stages of 15-16 lines), in Java, so tests
 * can use the benchmark's file without Node. At 1,990 lines it is the benchmark's 2,000-line file.
 */
final class BenchFile {

    private BenchFile() {
    }

    static String generate(int minLines) {
        StringBuilder out = new StringBuilder("# syntax=docker/dockerfile:1\nARG GLOBAL_VERSION=1.0\n");
        int lines = 2;
        int stage = 0;
        while (lines < minLines) {
            String name = "stage" + stage;
            String[] block = {
                "FROM " + (stage == 0 ? "alpine:3.19" : "stage" + (stage - 1)) + " AS " + name,
                "ARG VAR_" + stage + "=value" + stage,
                "ENV PATH_" + stage + "=/opt/" + name + " HOME_" + stage + "=/home/" + name,
                "LABEL org.example.stage=\"" + name + "\" org.example.version=\"${GLOBAL_VERSION}\"",
                "WORKDIR /data/" + name,
                "RUN apk add --no-cache curl git && \\",
                "    echo \"building ${VAR_" + stage + "}\" && \\",
                "    mkdir -p /opt/" + name + "/bin && \\",
                "    touch /opt/" + name + "/bin/tool",
                stage > 0 ? "COPY --from=stage" + (stage - 1) + " /opt/stage" + (stage - 1) + "/bin/tool /opt/" + name
                        + "/bin/prev" : null,
                "RUN --mount=type=cache,target=/cache/build echo $VAR_" + stage,
                "EXPOSE " + (8000 + stage % 1000),
                "HEALTHCHECK --interval=30s --timeout=3s CMD true",
                "USER root",
                "copy file" + stage + ".txt /opt/" + name + "/",
                "CMD [\"echo\", \"" + name + "\"]",
                "",
            };
            for (String line : block) {
                if (line != null) {
                    out.append(line).append('\n');
                    lines++;
                }
            }
            stage++;
        }
        out.append("FROM scratch AS final\n").append("COPY --from=stage").append(stage - 1).append(" /opt /opt\n");
        return out.toString();
    }
}
