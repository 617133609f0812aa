package dev.dftools.lsp.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the Dockerfile reference says about each instruction, flag, {@code RUN --mount} option
 * and parser directive: the short docs shown by hover, completion and signature help.
 */
public final class DockerfileCatalog {

    public static final String REFERENCE = "https://docs.docker.com/reference/dockerfile/";

    /**
     * @param signature  the usage line, e.g. {@code EXPOSE <port>[/<protocol>] ...}
     * @param parameters the signature's parameters in order (each a substring of the signature)
     * @param snippet    an LSP snippet of the arguments (after the keyword)
     */
    public record InstructionDoc(String keyword, String summary, String anchor, String signature,
            List<String> parameters, String snippet, List<FlagDoc> flags) {

        public String url() {
            return REFERENCE + "#" + anchor;
        }

        public Optional<FlagDoc> flag(String name) {
            return flags.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    /** @param valueHint what the value looks like, empty for a boolean flag */
    public record FlagDoc(String name, String valueHint, String summary, String anchor) {
        public String url() {
            return REFERENCE + "#" + anchor;
        }

        public String usage() {
            return "--" + name + (valueHint.isEmpty() ? "" : "=" + valueHint);
        }
    }

    /** A {@code key=value} option of {@code RUN --mount}, with the mount types it applies to. */
    public record MountOption(String key, String valueHint, String summary, List<String> types) {
    }

    public record DirectiveDoc(String name, String summary, String example, String anchor) {
        public String url() {
            return REFERENCE + "#" + anchor;
        }
    }

    public static final List<String> MOUNT_TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Map<String, String> MOUNT_TYPE_DOCS = Map.of(
            "bind", "bind-mount a directory of the context or of another stage/image (read-only by default)",
            "cache", "a persistent cache directory for compilers and package managers",
            "tmpfs", "a tmpfs mount",
            "secret", "a secret file (or env variable) without baking it into the image",
            "ssh", "access to the SSH agent sockets of the client");

    private static final Map<String, InstructionDoc> INSTRUCTIONS = new LinkedHashMap<>();
    private static final List<MountOption> MOUNT_OPTIONS = new ArrayList<>();
    private static final Map<String, DirectiveDoc> DIRECTIVES = new LinkedHashMap<>();

    static {
        FlagDoc platform = new FlagDoc("platform", "<platform>",
                "Platform of the image to use, e.g. `linux/amd64` or `$BUILDPLATFORM`.", "from");
        add("FROM", "Starts a build stage from a base image (or an earlier stage) and sets it as the base for "
                + "the instructions that follow.", "from", "FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]",
                List.of("--platform=<platform>", "<image>[:<tag>|@<digest>]", "AS <name>"), "${1:image}:${2:tag}",
                List.of(platform));
        add("RUN", "Runs a command in a new layer on top of the current image and commits the result.", "run",
                "RUN [--mount=<mount>] [--network=<mode>] [--security=<mode>] <command>",
                List.of("--mount=<mount>", "--network=<mode>", "--security=<mode>", "<command>"), "${1:command}",
                List.of(new FlagDoc("mount", "type=<type>[,<option>=<value>...]",
                        "Creates a mount that the command can access (bind, cache, tmpfs, secret, ssh); "
                                + "nothing of it ends up in the layer.", "run---mount"),
                        new FlagDoc("network", "<default|none|host>",
                                "Network for the command: `default`, `none` (no network) or `host`.", "run---network"),
                        new FlagDoc("security", "<sandbox|insecure>",
                                "`insecure` runs the command without the sandbox (needs the "
                                        + "`security.insecure` entitlement).", "run---security")));
        add("CMD", "Default command (or default arguments for ENTRYPOINT) of a container; only the last CMD counts.",
                "cmd", "CMD [\"executable\", \"param\", ...]", List.of("\"executable\"", "\"param\""),
                "[\"${1:executable}\"${2:, \"${3:param}\"}]", List.of());
        add("LABEL", "Adds metadata key-value pairs to the image.", "label", "LABEL <key>=<value> [<key>=<value> ...]",
                List.of("<key>=<value>", "[<key>=<value> ...]"), "${1:key}=\"${2:value}\"", List.of());
        add("MAINTAINER", "Deprecated: sets the author field; use `LABEL org.opencontainers.image.authors=` instead.",
                "maintainer-deprecated", "MAINTAINER <name>", List.of("<name>"), "${1:name}", List.of());
        add("EXPOSE", "Documents the ports the container listens on (it publishes nothing).", "expose",
                "EXPOSE <port>[/<protocol>] [<port>[/<protocol>] ...]", List.of("<port>[/<protocol>]",
                        "[<port>[/<protocol>] ...]"), "${1:port}", List.of());
        add("ENV", "Sets environment variables for the following instructions and the running container.", "env",
                "ENV <key>=<value> [<key>=<value> ...]", List.of("<key>=<value>", "[<key>=<value> ...]"),
                "${1:key}=\"${2:value}\"", List.of());
        FlagDoc chown = new FlagDoc("chown", "<user>:<group>",
                "Owner (user and group, names or ids) of the copied files.", "copy---chown---chmod");
        FlagDoc chmod = new FlagDoc("chmod", "<perms>", "Permissions of the copied files, octal (`755`) or "
                + "symbolic (`u+x`).", "copy---chown---chmod");
        FlagDoc link = new FlagDoc("link", "", "Copies into an independent layer, so it stays cached when the "
                + "layers below change.", "copy---link");
        FlagDoc exclude = new FlagDoc("exclude", "<path>", "Leaves out files matching the pattern (repeatable).",
                "copy---exclude");
        add("ADD", "Copies files, directories, remote URLs or Git repositories into the image; local tar archives "
                + "are extracted.", "add", "ADD [--chown=<user>:<group>] [--chmod=<perms>] [--checksum=<checksum>] <src>... <dest>",
                List.of("--chown=<user>:<group>", "--chmod=<perms>", "--checksum=<checksum>", "<src>...", "<dest>"),
                "${1:src} ${2:dest}", List.of(chown, chmod,
                        new FlagDoc("checksum", "<algorithm>:<hash>",
                                "Verifies the checksum of a remote source, e.g. `sha256:…`.", "add---checksum"),
                        new FlagDoc("keep-git-dir", "<true|false>",
                                "Keeps the `.git` directory of a Git source.", "add---keep-git-dir"),
                        link, exclude,
                        new FlagDoc("unpack", "<true|false>", "Whether to extract a (remote) archive source.",
                                "add---unpack")));
        add("COPY", "Copies files and directories from the build context, a stage or an image into the image.",
                "copy", "COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] <src>... <dest>",
                List.of("--from=<stage|image>", "--chown=<user>:<group>", "--chmod=<perms>", "<src>...", "<dest>"),
                "${1:src} ${2:dest}", List.of(
                        new FlagDoc("from", "<stage|image|context>",
                                "Copies from an earlier stage, an image or a named context instead of the build "
                                        + "context.", "copy---from"),
                        chown, chmod, link,
                        new FlagDoc("parents", "", "Keeps the parent directories of the sources below `<dest>`.",
                                "copy---parents"),
                        exclude));
        add("ENTRYPOINT", "The executable a container runs; CMD supplies its default arguments.", "entrypoint",
                "ENTRYPOINT [\"executable\", \"param\", ...]", List.of("\"executable\"", "\"param\""),
                "[\"${1:executable}\"${2:, \"${3:param}\"}]", List.of());
        add("VOLUME", "Declares mount points for external volumes.", "volume", "VOLUME [\"<path>\", ...]",
                List.of("\"<path>\""), "[\"${1:/data}\"]", List.of());
        add("USER", "Sets the user (and group) for the following RUN, CMD and ENTRYPOINT.", "user",
                "USER <user>[:<group>]", List.of("<user>[:<group>]"), "${1:user}", List.of());
        add("WORKDIR", "Sets the working directory for the following instructions (created if missing).",
                "workdir", "WORKDIR <path>", List.of("<path>"), "${1:/path}", List.of());
        add("ARG", "Declares a build argument (`--build-arg`), optionally with a default.", "arg",
                "ARG <name>[=<default value>] [<name>[=<default value>] ...]",
                List.of("<name>[=<default value>]", "[<name>[=<default value>] ...]"), "${1:name}", List.of());
        add("ONBUILD", "Adds a trigger instruction that runs when the image is used as a base.", "onbuild",
                "ONBUILD <INSTRUCTION>", List.of("<INSTRUCTION>"), "${1:INSTRUCTION}", List.of());
        add("STOPSIGNAL", "The system call signal that stops the container.", "stopsignal", "STOPSIGNAL <signal>",
                List.of("<signal>"), "${1:SIGTERM}", List.of());
        add("HEALTHCHECK", "How to test that the container is still working (or NONE to disable an inherited check).",
                "healthcheck", "HEALTHCHECK [--interval=<d>] [--timeout=<d>] [--start-period=<d>] [--start-interval=<d>] "
                        + "[--retries=<n>] CMD <command>",
                List.of("--interval=<d>", "--timeout=<d>", "--start-period=<d>", "--start-interval=<d>",
                        "--retries=<n>", "CMD <command>"), "CMD ${1:command}", List.of(
                        new FlagDoc("interval", "<duration>", "Time between checks (default `30s`).", "healthcheck"),
                        new FlagDoc("timeout", "<duration>", "Time after which a check is failed (default `30s`).",
                                "healthcheck"),
                        new FlagDoc("start-period", "<duration>",
                                "Start-up time during which failures do not count (default `0s`).", "healthcheck"),
                        new FlagDoc("start-interval", "<duration>",
                                "Time between checks during the start period (default `5s`).", "healthcheck"),
                        new FlagDoc("retries", "<n>", "Consecutive failures before `unhealthy` (default `3`).",
                                "healthcheck")));
        add("SHELL", "Overrides the default shell of the shell form (`[\"/bin/sh\", \"-c\"]`).", "shell",
                "SHELL [\"executable\", \"parameters\"]", List.of("\"executable\"", "\"parameters\""),
                "[\"${1:/bin/bash}\", \"${2:-c}\"]", List.of());

        mount("type", "<bind|cache|tmpfs|secret|ssh>", "Type of the mount (default `bind`).", MOUNT_TYPES);
        mount("target", "<path>", "Where to mount (alias `dst`, `destination`).", MOUNT_TYPES);
        mount("source", "<path>", "Path in the `from` (default: its root); for secret/ssh the file (alias `src`).",
                List.of("bind", "cache", "secret", "ssh"));
        mount("from", "<stage|image>", "Stage or image to take `source` from (default: the build context; "
                + "for cache: an empty directory).", List.of("bind", "cache"));
        mount("rw", "", "Allows writes (alias `readwrite`); they are discarded.", List.of("bind"));
        mount("readonly", "<true|false>", "Mounts read-only (alias `ro`).", List.of("cache"));
        mount("id", "<id>", "Cache id (default: target) or secret/ssh id.", List.of("cache", "secret", "ssh"));
        mount("sharing", "<shared|private|locked>", "How concurrent builds share the cache.", List.of("cache"));
        mount("mode", "<octal>", "File mode of the mount (cache: `0755`, secret/ssh: `0400`/`0600`).",
                List.of("cache", "secret", "ssh"));
        mount("uid", "<uid>", "Owner user id (default `0`).", List.of("cache", "secret", "ssh"));
        mount("gid", "<gid>", "Owner group id (default `0`).", List.of("cache", "secret", "ssh"));
        mount("required", "<true|false>", "Fail the build when the secret or ssh socket is missing.",
                List.of("secret", "ssh"));
        mount("env", "<name>", "Expose the secret as this environment variable instead of a file.",
                List.of("secret"));
        mount("size", "<bytes>", "Size limit of the tmpfs.", List.of("tmpfs"));

        directive("syntax", "The Dockerfile frontend image BuildKit uses to build this file.",
                "# syntax=docker/dockerfile:1", "syntax");
        directive("escape", "The escape character of this file: `\\` (default) or `` ` `` (handy on Windows).",
                "# escape=`", "escape");
        directive("check", "Configures build checks: `skip=<rules>|all`, `error=true`.",
                "# check=skip=JSONArgsRecommended;error=true", "check");
    }

    private DockerfileCatalog() {
    }

    private static void add(String keyword, String summary, String anchor, String signature, List<String> params,
            String snippet, List<FlagDoc> flags) {
        INSTRUCTIONS.put(keyword.toLowerCase(Locale.ROOT),
                new InstructionDoc(keyword, summary, anchor, signature, params, snippet, flags));
    }

    private static void mount(String key, String hint, String summary, List<String> types) {
        MOUNT_OPTIONS.add(new MountOption(key, hint, summary, types));
    }

    private static void directive(String name, String summary, String example, String anchor) {
        DIRECTIVES.put(name, new DirectiveDoc(name, summary, example, anchor));
    }

    public static List<InstructionDoc> instructions() {
        return List.copyOf(INSTRUCTIONS.values());
    }

    public static Optional<InstructionDoc> instruction(String keyword) {
        return Optional.ofNullable(INSTRUCTIONS.get(keyword.toLowerCase(Locale.ROOT)));
    }

    public static List<MountOption> mountOptions() {
        return List.copyOf(MOUNT_OPTIONS);
    }

    /** The mount option of a key, aliases included ({@code dst}, {@code src}, {@code ro}, …). */
    public static Optional<MountOption> mountOption(String key) {
        String canonical = switch (key) {
            case "dst", "destination" -> "target";
            case "src" -> "source";
            case "ro" -> "readonly";
            case "readwrite" -> "rw";
            default -> key;
        };
        return MOUNT_OPTIONS.stream().filter(o -> o.key().equals(canonical)).findFirst();
    }

    public static String mountTypeDoc(String type) {
        return MOUNT_TYPE_DOCS.getOrDefault(type, "");
    }

    public static List<DirectiveDoc> directives() {
        return List.copyOf(DIRECTIVES.values());
    }

    public static Optional<DirectiveDoc> directive(String name) {
        return Optional.ofNullable(DIRECTIVES.get(name.toLowerCase(Locale.ROOT)));
    }
}
