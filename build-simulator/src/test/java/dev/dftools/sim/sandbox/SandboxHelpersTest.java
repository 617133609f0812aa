package dev.dftools.sim.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxHelpersTest {
    @TempDir
    Path tmp;

    @Test
    void mountinfoEscapesAndPrefixes() {
        List<String> info = List.of(
                "36 35 98:0 / /mnt/a\\040b rw - ext3 /dev/root rw",
                "37 35 0:5 / /mnt/ab rw - overlay overlay rw",
                "38 35 0:6 / /mnt/a\\040b/proc rw - proc proc rw");
        assertEquals(List.of(Path.of("/mnt/a b"), Path.of("/mnt/a b/proc")),
                MountTable.mountsUnder(info, Path.of("/mnt/a b")));
        assertEquals("a\\b", MountTable.unescape("a\\134b"));
        assertEquals("a\\x", MountTable.unescape("a\\x"));
    }

    @Test
    void tailKeepsTheLastLines() {
        OutputTail tail = new OutputTail(2);
        tail.add("1");
        tail.add("2");
        tail.add("3");
        assertEquals(List.of("2", "3"), tail.lines());
    }

    @Test
    void usersResolveFromTheTopmostPasswd() throws Exception {
        Path base = layer("base", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n",
                "root:x:0:\napp:x:1000:\nstaff:x:50:\n");
        Path top = layer("top", "root:x:0:0:root:/root:/bin/sh\napp:x:2000:2001::/srv:/bin/sh\n", null);
        assertEquals(ResolvedUser.ROOT, UserResolver.resolve("", List.of(base)));
        assertEquals(new ResolvedUser(1000, 1000, "/home/app"), UserResolver.resolve("app", List.of(base)));
        assertEquals(new ResolvedUser(2000, 2001, "/srv"), UserResolver.resolve("app", List.of(base, top)));
        assertEquals(new ResolvedUser(1000, 50, "/home/app"), UserResolver.resolve("app:staff", List.of(base)));
        assertEquals(new ResolvedUser(1000, 1000, "/home/app"), UserResolver.resolve("1000", List.of(base)));
        assertEquals(new ResolvedUser(4242, 7, "/"), UserResolver.resolve("4242:7", List.of(base)));
        assertEquals(new ResolvedUser(4242, 0, "/"), UserResolver.resolve("4242", List.of(base)));
        SandboxException e = assertThrows(SandboxException.class, () -> UserResolver.resolve("bob", List.of(base)));
        assertEquals("unable to find user bob: no matching entries in passwd file", e.getMessage());
        assertThrows(SandboxException.class, () -> UserResolver.resolve("app:nogroup", List.of(base)));
    }

    private Path layer(String name, String passwd, String group) throws Exception {
        Path etc = Files.createDirectories(tmp.resolve(name).resolve("etc"));
        Files.writeString(etc.resolve("passwd"), passwd);
        if (group != null) {
            Files.writeString(etc.resolve("group"), group);
        }
        return tmp.resolve(name);
    }
}
