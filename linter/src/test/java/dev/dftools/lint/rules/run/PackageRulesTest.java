package dev.dftools.lint.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.lint.Finding;
import dev.dftools.lint.LintConfig;
import dev.dftools.lint.Linter;
import dev.dftools.lint.TextEdit;
import dev.dftools.lint.rules.Rules;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The helpers of the package rules, the ranges and messages they report, and their fixes. */
class PackageRulesTest {

    private static final Linter LINTER = new Linter(Rules.registry());

    private static List<Finding> lint(String code, String dockerfile) {
        return LINTER.lint(Dockerfiles.parse(dockerfile), LintConfig.defaults().withAllRulesEnabled(), null).stream()
                .filter(f -> f.code().equals(code)).toList();
    }

    /** The text a finding's range covers. */
    private static String covered(String dockerfile, Finding f) {
        return dockerfile.substring(f.range().start().offset(), f.range().end().offset());
    }

    /** The Dockerfile with the finding's fix applied. */
    private static String fixed(String dockerfile, Finding f) {
        StringBuilder s = new StringBuilder(dockerfile);
        List<TextEdit> edits = f.fixOptional().orElseThrow().edits().stream()
                .sorted(Comparator.comparingInt((TextEdit e) -> e.range().start().offset()).reversed()).toList();
        for (TextEdit e : edits) {
            s.replace(e.range().start().offset(), e.range().end().offset(), e.newText());
        }
        return s.toString();
    }

    /** Each doc page's Bad example triggers its rule; its Good example triggers no rule of this group. */
    @Test
    void docExamplesShowWhatTheyClaim() {
        Set<String> group = new java.util.HashSet<>();
        PackageRules.ALL.forEach(r -> group.add(dev.dftools.lint.RuleMeta.of(r.getClass()).code()));
        List<String> problems = new java.util.ArrayList<>();
        for (String code : group) {
            String doc = dev.dftools.lint.RuleDocs.sidecar(code).orElseThrow();
            String bad = block(doc, "## Bad");
            String good = block(doc, "## Good");
            if (lint(code, bad).isEmpty()) {
                problems.add(code + ": Bad example not reported");
            }
            List<String> inGood = LINTER.lint(Dockerfiles.parse(good), LintConfig.defaults(), null).stream()
                    .map(Finding::code).filter(group::contains).toList();
            if (!inGood.isEmpty()) {
                problems.add(code + ": Good example reported " + inGood);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static String block(String doc, String heading) {
        int at = doc.indexOf("```dockerfile\n", doc.indexOf(heading)) + "```dockerfile\n".length();
        return doc.substring(at, doc.indexOf("```", at));
    }

    @Test
    void mountsAreReadAsCsvWithTargetAliases() {
        assertEquals(new RunMounts.Mount("cache", "/var/cache/apt"),
                RunMounts.parse("type=cache,target=/var/cache/apt,sharing=locked"));
        assertEquals(new RunMounts.Mount("tmpfs", "/tmp/x"), RunMounts.parse("dst=/tmp/x,type=tmpfs"));
        assertEquals(new RunMounts.Mount("bind", "/src"), RunMounts.parse("destination=/src"));
        assertEquals(new RunMounts.Mount("cache", "/a,b"), RunMounts.parse("type=cache,\"target=/a,b\""));
        assertEquals(List.of("a", "b=\"c\"", ""), RunMounts.csvFields("a,\"b=\"\"c\"\"\","));
    }

    @Test
    void rpmVersionHeuristic() {
        Set<String> none = Set.of();
        assertTrue(PackageManagers.rpmPinned("tomcat-9.0.1", none));
        assertTrue(PackageManagers.rpmPinned("openssl-1:1.1.1k", none));
        assertTrue(PackageManagers.rpmPinned("gcc-c++-1.1.1", none));
        assertTrue(PackageManagers.rpmPinned("rpm-sign-4.16.1.3", none));
        assertTrue(PackageManagers.rpmPinned("app.rpm", none));
        assertFalse(PackageManagers.rpmPinned("rpm-sign", none));
        assertFalse(PackageManagers.rpmPinned("tomcat", none));
        assertFalse(PackageManagers.rpmPinned("foo--1", none));
        assertFalse(PackageManagers.rpmPinned("git-core-${version}", none));
        assertTrue(PackageManagers.rpmPinned("git-core-${version}", Set.of("version")));
        assertTrue(PackageManagers.rpmPinned("git-core-$version", Set.of("version")));
    }

    @Test
    void pipAndNpmVersionHeuristics() {
        assertTrue(PipUnpinned.pinned("flask==3.0"));
        assertTrue(PipUnpinned.pinned("flask[async]>=3"));
        assertTrue(PipUnpinned.pinned("git+https://github.com/a/b.git@v1#egg=b"));
        assertFalse(PipUnpinned.pinned("git+ssh://git@github.com/a/b.git#egg=b"));
        assertTrue(PipUnpinned.pinned("./local"));
        assertFalse(PipUnpinned.pinned("flask"));
        assertTrue(NpmUnpinned.pinned("@scope/pkg@1.2.3"));
        assertFalse(NpmUnpinned.pinned("@scope/pkg"));
        assertFalse(NpmUnpinned.pinned("express@"));
        assertTrue(NpmUnpinned.pinned("git://github.com/npm/npm.git#v1.0.27"));
        assertFalse(NpmUnpinned.pinned("git://github.com/npm/npm.git"));
    }

    @Test
    void aptQuietLevelCountsEveryQ() {
        String d = "FROM debian\nRUN apt-get install -qq curl\nRUN apt-get install -q curl\n"
                + "RUN apt-get install --quiet=2 curl\nRUN apt-get -q -y install curl\n";
        List<Finding> found = lint("DF3014", d);
        assertEquals(1, found.size());
        assertEquals(3, found.get(0).range().startLine());
    }

    @Test
    void unpinnedPackagesAreReportedOnTheirOwnWord() {
        String d = "FROM debian\nRUN apt-get install -y -t bookworm-backports \\\n  curl git=1 jq\n";
        List<Finding> found = lint("DF3008", d);
        assertEquals(List.of("curl", "jq"), found.stream().map(f -> covered(d, f)).toList());
        assertEquals(3, found.get(0).range().startLine());
        assertTrue(found.get(0).message().contains("'curl'"), found.get(0).message());
    }

    @Test
    void fixesInsertTheMissingFlag() {
        String apt = "FROM debian\nRUN apt-get install --no-install-recommends curl=1\n";
        Finding yes = lint("DF3014", apt).get(0);
        assertEquals("apt-get install", covered(apt, yes));
        assertEquals("FROM debian\nRUN apt-get install -y --no-install-recommends curl=1\n", fixed(apt, yes));

        String recommends = "FROM debian\nRUN apt-get -y install curl=1\n";
        assertEquals("FROM debian\nRUN apt-get -y install --no-install-recommends curl=1\n",
                fixed(recommends, lint("DF3015", recommends).get(0)));

        String apk = "FROM alpine\nRUN apk add curl=1\n";
        assertEquals("FROM alpine\nRUN apk add --no-cache curl=1\n", fixed(apk, lint("DF3019", apk).get(0)));

        String pip = "FROM python\nRUN python3 -m pip install flask==3\n";
        assertEquals("FROM python\nRUN python3 -m pip install --no-cache-dir flask==3\n",
                fixed(pip, lint("DF3042", pip).get(0)));

        String zypper = "FROM opensuse/leap\nRUN zypper in curl=1 && zypper clean\n";
        assertEquals("FROM opensuse/leap\nRUN zypper --non-interactive in curl=1 && zypper clean\n",
                fixed(zypper, lint("DF3034", zypper).get(0)));

        String aptCmd = "FROM debian\nRUN apt install -y curl=1\n";
        assertEquals("FROM debian\nRUN apt-get install -y curl=1\n", fixed(aptCmd, lint("DF3027", aptCmd).get(0)));
        String aptList = "FROM debian\nRUN apt list\n";
        assertTrue(lint("DF3027", aptList).get(0).fixOptional().isEmpty());
    }

    @Test
    void aptListsAreReportedOnlyWhereTheLayerShips() {
        String d = "FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\n"
                + "FROM debian AS base\nRUN apt-get update\n"
                + "FROM base\nONBUILD RUN apt-get update\nRUN apt-get update\n";
        List<Finding> found = lint("DF3009", d);
        assertEquals(List.of(4, 6, 7), found.stream().map(f -> f.range().startLine()).toList());
        assertEquals("apt-get update", covered(d, found.get(0)));
        assertTrue(found.get(0).message().contains("stage 'base'"), found.get(0).message());
    }

    @Test
    void buildDepsNamesTheToolsAndIgnoresRuntimeLibraries() {
        String d = "FROM debian\nRUN apt-get install -y build-essential=12 libssl-dev:amd64 libssl3 udev gcc-12 "
                + "&& ./configure && make install\n";
        List<Finding> found = lint("DF3102", d);
        assertEquals(1, found.size());
        assertTrue(found.get(0).message().contains("build-essential, libssl-dev, gcc-12."), found.get(0).message());
        assertTrue(BuildDepsNotPurged.isBuildTool("python3-dev"));
        assertFalse(BuildDepsNotPurged.isBuildTool("udev"));
        assertFalse(BuildDepsNotPurged.isBuildTool("libpq5"));
    }

    @Test
    void buildDepsWithApkNeedABuildInTheSameRun() {
        String d = "FROM alpine\nRUN apk add --no-cache gcc musl-dev && pip install --no-cache-dir -r r.txt\n"
                + "RUN apk add --no-cache make\n"
                + "RUN apk add --no-cache g++ && npm ci && apk del g++\n";
        List<Finding> found = lint("DF3102", d);
        assertEquals(List.of(2), found.stream().map(f -> f.range().startLine()).toList());
        assertTrue(found.get(0).message().contains("'apk del gcc musl-dev'"), found.get(0).message());
    }

    @Test
    void apkVirtualDeletedOnlyInALaterRunSaysWhere() {
        String d = "FROM alpine\nRUN apk add --virtual=.deps gcc=1\nRUN apk del .deps\n";
        List<Finding> found = lint("DF3101", d);
        assertEquals(1, found.size());
        assertEquals(".deps", covered(d, found.get(0)));
        assertTrue(found.get(0).message().contains("line 3"), found.get(0).message());
    }

    @Test
    void goVersionsLatestAndLocalPaths() {
        String d = "FROM golang\nRUN go install example.com/a@latest example.com/b@v1.0.0 ./cmd/c\n"
                + "RUN go run example.com/gen@v1.2.3 example.com/notapackage\n";
        List<Finding> found = lint("DF3062", d);
        assertEquals(List.of("example.com/a@latest"), found.stream().map(f -> covered(d, f)).toList());
        assertTrue(found.get(0).message().startsWith("'@latest' does not pin 'example.com/a'"), found.get(0).message());
    }
}
