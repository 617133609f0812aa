package dev.dftools.sim.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootedPathsAndOwnedDirsTest {
    @TempDir
    Path tmp;

    @Test
    void symlinksResolveInsideTheRoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("ctx"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("abs"), tmp);                    // absolute: starts again at root
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../.."));     // ".." stops at root
        Files.createSymbolicLink(root.resolve("a/rel"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("a/b/back"), Path.of("../../up/a"));
        assertEquals(root.resolve(tmp.toString().substring(1)).resolve("x"), RootedPaths.resolve(root, "abs/x"));
        assertEquals(root.resolve("x"), RootedPaths.resolve(root, "up/x"));
        assertEquals(root.resolve("a/b/f"), RootedPaths.resolve(root, "a/rel/f"));
        assertEquals(root.resolve("a"), RootedPaths.resolve(root, "a/rel/back"));
        assertEquals(root.resolve("x"), RootedPaths.resolve(root, "/../../x"));
        assertEquals(root, RootedPaths.resolve(root, ""));
    }

    @Test
    void aSymlinkLoopIsAnError() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("loop"));
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        IOException e = assertThrows(IOException.class, () -> RootedPaths.resolve(root, "a/x"));
        assertTrue(e.getMessage().contains("too many levels of symbolic links"), e.getMessage());
    }

    @Test
    void climbingOutIsLexical() {
        assertTrue(RootedPaths.climbsOut("../x"));
        assertTrue(RootedPaths.climbsOut("a/../../x"));
        assertTrue(RootedPaths.climbsOut(".."));
        assertFalse(RootedPaths.climbsOut("a/../x"));
        assertFalse(RootedPaths.climbsOut("./a/./b/.."));
        assertFalse(RootedPaths.climbsOut("/../x"), "absolute sources are relative to the context root");
        assertFalse(RootedPaths.climbsOut("..x/y"));
    }

    @Test
    void throughSymlinkLooksAtParentsOnly() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("layer"));
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        assertTrue(RootedPaths.throughSymlink(root, "etc/passwd"));
        assertFalse(RootedPaths.throughSymlink(root, "etc"), "the link itself is copied as a link");
        assertFalse(RootedPaths.throughSymlink(root, "usr/bin/x"));
    }

    @Test
    void sweepRemovesOnlyTheDirsOfDeadOwners() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("dfsim-build"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long start = gone.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(1L);
        Path dead = Files.createDirectories(parent.resolve("build-" + gone.pid() + "." + start + "-123"));
        Files.writeString(Files.createDirectories(dead.resolve("l/0")).resolve("f"), "x");
        Path mine = OwnedDirs.create(parent, "build");
        long myPid = ProcessHandle.current().pid();
        Path reused = Files.createDirectories(parent.resolve("build-" + myPid + ".1-456")); // our pid, other start
        Path foreign = Files.createDirectories(parent.resolve("not-ours"));
        List<Path> removed = OwnedDirs.sweep(parent);
        assertEquals(List.of(dead, reused).stream().sorted().toList(), removed.stream().sorted().toList());
        assertTrue(Files.isDirectory(mine));
        assertTrue(Files.isDirectory(foreign));
        assertFalse(Files.exists(dead));
        OwnedDirs.release(mine);
        assertFalse(Files.exists(mine));
    }
}
