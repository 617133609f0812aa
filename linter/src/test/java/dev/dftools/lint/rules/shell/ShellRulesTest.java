package dev.dftools.lint.rules.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.lint.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges, messages and fixes of the shell rules (the fixtures check where findings are). */
class ShellRulesTest {

    @Test
    void layerBloatMergesRunsKeepingCommentsAndContinuations() {
        String text = """
                FROM debian:12
                RUN apt-get update
                # tools
                RUN apt-get install -y git \\
                        curl

                RUN rm -rf /var/lib/apt/lists/*
                """;
        List<Finding> found = ShellLint.lint(text, "DF3509");
        assertEquals(1, found.size());
        Finding f = found.get(0);
        assertEquals("3 RUN instructions (lines 2, 4, 7) create 3 layers; chain them with && into one", f.message());
        assertEquals("RUN", ShellLint.covered(text, f));
        assertEquals("""
                FROM debian:12
                RUN apt-get update && \\
                # tools
                    apt-get install -y git \\
                        curl && \\
                    rm -rf /var/lib/apt/lists/*
                """, ShellLint.applyFix(text, f));
        assertTrue(ShellLint.lint(ShellLint.applyFix(text, f), "DF3509").isEmpty());
    }

    @Test
    void layerBloatOffersNoFixWhenACommandChangesTheShellState() {
        String text = "FROM debian:12\nRUN cd /src\nRUN make\nRUN make install\n";
        Finding f = ShellLint.lint(text, "DF3509").get(0);
        assertNull(f.fix());
        String comment = "FROM debian:12\nRUN make # build\nRUN make test\nRUN make install\n";
        assertNull(ShellLint.lint(comment, "DF3509").get(0).fix());
    }

    @Test
    void consecutiveRunsFixMergesThePair() {
        String text = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n";
        Finding f = ShellLint.lint(text, "DF3508").get(0);
        assertEquals(3, f.range().startLine());
        assertEquals("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n",
                ShellLint.applyFix(text, f));
    }

    @Test
    void aptUpdateAloneIsMergedIntoTheInstallRun() {
        String text = "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n";
        Finding f = ShellLint.lint(text, "DF3511").get(0);
        assertEquals("update", ShellLint.covered(text, f));
        assertEquals("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n",
                ShellLint.applyFix(text, f));
    }

    @Test
    void wgetAndUseraddFixesInsertTheOption() {
        String wget = "FROM debian:12\nRUN wget https://x.org/a.tgz\n";
        assertEquals("FROM debian:12\nRUN wget --progress=dot:giga https://x.org/a.tgz\n",
                ShellLint.applyFix(wget, ShellLint.lint(wget, "DF3504").get(0)));
        String useradd = "FROM debian:12\nRUN useradd -u 1234567 app\n";
        Finding f = ShellLint.lint(useradd, "DF3503").get(0);
        assertEquals("1234567", ShellLint.covered(useradd, f));
        assertEquals("FROM debian:12\nRUN useradd -l -u 1234567 app\n", ShellLint.applyFix(useradd, f));
    }

    @Test
    void downloadedArchiveFixRemovesItAfterExtraction() {
        String text = "FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x.org/a.tgz && tar xzf /tmp/a.tgz -C /opt"
                + " && echo ok\n";
        Finding f = ShellLint.lint(text, "DF3512").get(0);
        assertEquals("/tmp/a.tgz", ShellLint.covered(text, f));
        assertEquals("FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x.org/a.tgz && tar xzf /tmp/a.tgz -C /opt"
                + " && rm -f /tmp/a.tgz && echo ok\n", ShellLint.applyFix(text, f));
    }

    @Test
    void pipefailIsReportedOnThePipe() {
        String text = "FROM debian:12\nRUN wget -qO- https://x.org/k.asc \\\n    | gpg --dearmor > /k.gpg\n";
        Finding f = ShellLint.lint(text, "DF3507").get(0);
        assertEquals("|", ShellLint.covered(text, f));
        assertEquals(3, f.range().startLine());
    }

    @Test
    void removedInLaterLayerNamesTheCreatingLine() {
        String text = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN rm -rf .git test && npm ci\n"
                + "RUN rm -rf node_modules/.cache\n";
        List<Finding> found = ShellLint.lint(text, "DF3510");
        assertEquals(1, found.size(), found.toString()); // after npm ci, node_modules may be its output
        Finding f = found.get(0);
        assertEquals("rm", ShellLint.covered(text, f));
        assertTrue(f.message().contains("COPY on line 3"), f.message());
    }

    @Test
    void removedInLaterLayerSeesRmHoweverItIsWritten() {
        // the rule looks at a stage's shell only if its text may name rm: quotes, escapes and
        // continuations must not hide it
        String created = "FROM alpine\nRUN curl -o /opt/big.tgz http://x/big.tgz\n";
        String[] removals = {"RUN rm /opt/big.tgz\n", "RUN r\"m\" /opt/big.tgz\n", "RUN \\rm /opt/big.tgz\n",
            "RUN 'r'm /opt/big.tgz\n", "RUN $'r'm /opt/big.tgz\n", "RUN r\\\nm /opt/big.tgz\n",
            "RUN <<EOF\nr\\\nm /opt/big.tgz\nEOF\n", "RUN <<EOF\nr\\\r\nm /opt/big.tgz\nEOF\n"};
        for (String removal : removals) {
            assertEquals(1, ShellLint.lint(created + removal, "DF3510").size(), removal);
        }
    }

    @Test
    void removedInLaterLayerFollowsAChainOfStagesAndForgetsCopiedTreesAfterABuild() {
        StringBuilder text = new StringBuilder("FROM alpine AS s0\nCOPY src/ /src/\n");
        for (int i = 1; i < 30; i++) {
            text.append("FROM s").append(i - 1).append(" AS s").append(i).append("\nCOPY f").append(i)
                    .append(" /f").append(i).append("\nRUN echo ").append(i).append('\n');
        }
        // line 2 + 3 * 29 = 89 is the last RUN; then: a file of stage 1, a file inside the copied tree
        text.append("RUN rm /f1\nRUN rm /src/a.c\nRUN make\nRUN rm /src/b.o\n");
        String file = text.toString();
        List<Finding> found = ShellLint.lint(file, "DF3510");
        assertEquals(2, found.size(), found.toString()); // after make, /src/b.o may be build output
        assertTrue(found.get(0).message().contains("COPY on line 4"), found.get(0).message());
        assertTrue(found.get(1).message().contains("COPY on line 2"), found.get(1).message());
    }
}
