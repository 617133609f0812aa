package dev.dftools.sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.dftools.sim.layer.LayerFile;
import dev.dftools.sim.layer.LayerFile.Kind;

import org.junit.jupiter.api.Test;

class CacheLeftoversTest {

    @Test
    void packageManagerCachesMapToTheirRules() {
        List<LayerFile> files = List.of(
                new LayerFile("var/lib/apt/lists", 0, Kind.DIRECTORY),
                new LayerFile("var/lib/apt/lists/deb.debian.org_Packages", 50_000_000, Kind.FILE),
                new LayerFile("var/lib/apt/lists/lock", 0, Kind.FILE),
                new LayerFile("var/cache/apk/APKINDEX.tar.gz", 1_000_000, Kind.FILE),
                new LayerFile("root/.cache/pip/http/x", 300, Kind.FILE),
                new LayerFile("home/app/.cache/pip/wheels/y", 200, Kind.FILE),
                new LayerFile("usr/bin/curl", 250_000, Kind.FILE));
        List<Advice> advice = CacheLeftovers.of(4, files);
        assertEquals(List.of("DF3009", "DF3019", "DF3042"), advice.stream().map(Advice::rule).toList());
        assertEquals(List.of(50_000_000L, 1_000_000L, 500L), advice.stream().map(Advice::bytes).toList());
        assertTrue(advice.get(0).message().contains("rm -rf /var/lib/apt/lists/*"), advice.get(0).message());
        assertTrue(advice.stream().allMatch(a -> a.line() == 4));
    }

    @Test
    void anArchiveKeptNextToItsContentsIsDf3512() {
        List<Advice> advice = CacheLeftovers.of(7, List.of(
                new LayerFile("tmp/node.tar.xz", 20_000_000, Kind.FILE),
                new LayerFile("opt/node/bin/node", 90_000_000, Kind.FILE)));
        assertEquals(1, advice.size());
        assertEquals("DF3512", advice.get(0).rule());
        assertEquals(20_000_000L, advice.get(0).bytes());
        assertEquals(List.of(), CacheLeftovers.of(7, List.of(new LayerFile("srv/app.jar", 5_000_000, Kind.FILE))));
        assertEquals(List.of(), CacheLeftovers.of(7, List.of(new LayerFile("data/only.tar", 5_000_000, Kind.FILE))),
                "an archive alone is what the RUN was for");
    }
}
