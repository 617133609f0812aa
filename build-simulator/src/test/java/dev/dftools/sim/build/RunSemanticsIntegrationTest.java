package dev.dftools.sim.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dftools.grammar.Dockerfiles;
import dev.dftools.grammar.context.DockerIgnore;
import dev.dftools.sim.layer.TarFiles;
import dev.dftools.sim.plan.PlanException;
import dev.dftools.sim.plan.PlanOptions;
import dev.dftools.sim.plan.Planner;
import dev.dftools.sim.sandbox.Network;
import dev.dftools.sim.sandbox.OutputSink;
import dev.dftools.sim.store.ImageStore;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RUN heredocs and RUN --mount executed for real over the busybox base (as root; skipped with the
 * sandbox check's reason elsewhere): what the step sees, and that what the mounts contribute (and
 * their mount points) stays out of the layer.
 */
class RunSemanticsIntegrationTest {
    @TempDir
    Path tmp;

    private ImageStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = BuilderIntegrationTest.busyboxStore(tmp);
    }

    private Builder.Result build(Path context, String dockerfile, List<Secret> secrets, boolean noCache)
            throws Exception {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        var plan = Planner.plan(Dockerfiles.parse(dockerfile), PlanOptions.defaults("Dockerfile"));
        Builder builder = new Builder(store, tmp.resolve("work"), OutputSink.discard(), Clock.systemUTC());
        return builder.build(new Builder.Request(plan, context, DockerIgnore.empty(), "Dockerfile", "localhost/t:1",
                Network.NONE, noCache, secrets));
    }

    /** Path -> content (files) or "<dir>"/"-> target" of one layer of the built image. */
    private Map<String, String> layer(Builder.Result result, int index) throws Exception {
        var d = result.image().manifest().layers().get(index).blobDigest();
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream in = TarFiles.open(store.verifiedBlob(d));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName().replaceAll("/$", "");
                files.put(name, e.isDirectory() ? "<dir>" : e.isSymbolicLink() ? "-> " + e.getLinkName()
                        : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void heredocsRunAsBuildKitRunsThem() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        String df = "FROM localhost/busybox:local\n"
                + "ENV WHO=world\n"
                // one heredoc alone: its body is the script
                + "RUN <<EOF\necho \"hello $WHO\" > /h1\nEOF\n"
                // a heredoc fed to a command: the shell does the redirection and expands the body
                + "RUN <<EOF sh\necho \"sh $WHO\" > /h2\nEOF\n"
                // quoted delimiter: no expansion
                + "RUN cat <<'EOF' > /h3\nliteral $WHO\nEOF\n"
                // <<- strips leading tabs
                + "RUN <<-EOF\n\techo tabs > /h4\n\tEOF\n"
                // a shebang: run as an executable file at /dev/pipes/EOF
                + "RUN <<EOF\n#!/bin/sh\necho \"$0\" > /h5\nEOF\n"
                // two heredocs on one line
                + "RUN cat <<A > /h6 && cat <<B > /h7\nfirst\nA\nsecond $WHO\nB\n";
        Builder.Result r = build(context, df, List.of(), false);
        assertEquals("hello world\n", layer(r, 1).get("h1"));
        assertEquals("sh world\n", layer(r, 2).get("h2"));
        assertEquals("literal $WHO\n", layer(r, 3).get("h3"));
        assertEquals("tabs\n", layer(r, 4).get("h4"));
        assertEquals(Map.of("h5", "/dev/pipes/EOF\n"), layer(r, 5), "the script mount leaves nothing in the layer");
        Map<String, String> last = layer(r, 6);
        assertEquals("first\n", last.get("h6"));
        assertEquals("second world\n", last.get("h7"));
        Builder.Result changed = build(context, df.replace("#!/bin/sh\necho \"$0\"", "#!/bin/sh\necho changed"),
                List.of(), false);
        assertEquals(Map.of("h5", "changed\n"), layer(changed, 5), "a changed heredoc body is a cache miss");
        assertEquals(2, changed.runsExecuted(), "the changed RUN and the one after it; the four before are cached");
        assertEquals("RUN /bin/sh -c echo \"hello $WHO\" > /h1\n # buildkit",
                r.image().config().history().get(r.image().config().history().size() - 6).createdBy());
    }

    @Test
    void mountsAreUsableAndStayOutOfTheLayer() throws Exception {
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("data.txt"), "from the context\n");
        Path secretFile = Files.writeString(tmp.resolve("token"), "s3cret");
        String df = "FROM localhost/busybox:local\n"
                + "RUN --mount=type=bind,source=data.txt,target=/mnt/in/data.txt cp /mnt/in/data.txt /copied\n"
                + "RUN --mount=type=cache,target=/var/cache/app sh -c 'echo run >> /var/cache/app/log;"
                + " cp /var/cache/app/log /cachelog'\n"
                + "RUN --mount=type=tmpfs,target=/scratch sh -c 'echo x > /scratch/f && test -f /scratch/f && touch /tmpfs-ok'\n"
                + "RUN --mount=type=secret,id=tok,required=true sh -c 'test \"$(cat /run/secrets/tok)\" = s3cret"
                + " && touch /secret-ok'\n"
                + "RUN --mount=type=bind,source=data.txt,target=/etc/passwd-mnt sh -c 'echo x > /etc/passwd-mnt' || touch /ro-ok\n"
                + "RUN --mount=type=bind,from=localhost/busybox:local,source=/etc/group,target=/mnt/g cp /mnt/g /fromimage\n"
                + "RUN --mount=type=secret,id=tok,env=TOK sh -c 'test \"$TOK\" = s3cret && test ! -e /run && touch /env-ok'\n";
        Builder.Result r = build(context, df, List.of(new Secret("tok", secretFile, null)), false);
        assertEquals(Map.of("copied", "from the context\n"), layer(r, 1));
        assertEquals(Map.of("cachelog", "run\n"), layer(r, 2));
        assertEquals(Map.of("tmpfs-ok", ""), layer(r, 3));
        assertEquals(Map.of("secret-ok", ""), layer(r, 4));
        assertEquals(Map.of("ro-ok", ""), layer(r, 5), "a bind is read-only; the mount point in /etc is left out");
        assertEquals(Map.of("fromimage", "root:x:0:\nnogroup:x:65534:\n"), layer(r, 6), "bind from a store image");
        assertEquals(Map.of("env-ok", ""), layer(r, 7), "a secret as an environment variable, no file");
        Builder.Result again = build(context, df, List.of(new Secret("tok", secretFile, null)), true);
        assertEquals("run\nrun\n", layer(again, 2).get("cachelog"), "the cache mount persists between builds");
        assertEquals(Map.of("cachelog", "run\nrun\n"), layer(again, 2));

        String missing = "FROM localhost/busybox:local\nRUN --mount=type=secret,id=nope,required=true true\n";
        BuildException e = assertThrows(BuildException.class, () -> build(context, missing, List.of(), false));
        assertTrue(e.getMessage().contains("Dockerfile:2: secret nope is required"), e.getMessage());
        String optional = "FROM localhost/busybox:local\nRUN --mount=type=secret,id=nope test ! -e /run/secrets/nope\n";
        assertFalse(layer(build(context, optional, List.of(), false), 1).containsKey("run"));
    }

    @Test
    void sshMountsAreRefusedWithTheLine() {
        PlanException e = assertThrows(PlanException.class, () -> Planner.plan(
                Dockerfiles.parse("FROM scratch\nRUN --mount=type=ssh true\n"), PlanOptions.defaults("Dockerfile")));
        assertTrue(e.getMessage().contains("Dockerfile:2"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh"), e.getMessage());
    }
}
