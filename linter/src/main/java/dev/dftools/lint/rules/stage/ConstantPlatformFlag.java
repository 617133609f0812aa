package dev.dftools.lint.rules.stage;

import dev.dftools.grammar.ast.Flag;
import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.expand.Expansion;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BuildKit's FromPlatformFlagConstDisallowed: {@code FROM --platform=linux/arm64} without any
 * variable, unless the stage name mentions the platform's OS or architecture (a stage meant for
 * one platform, e.g. {@code AS build-arm64}). The platform is normalised as containerd's
 * platforms.Parse does (e.g. {@code aarch64} is {@code arm64}; a lone OS gets the amd64 default
 * architecture); a value that does not parse is left to the build. Differs from DL3029 (DF2006).
 */
@RuleInfo(code = "DF2013", slug = "from-platform-constant", severity = Severity.WARNING,
        summary = "FROM --platform uses a constant value, not a build argument.",
        aliases = {"FromPlatformFlagConstDisallowed"}, tags = {"from", "platform"})
public final class ConstantPlatformFlag implements InstructionRule, StageLocal {

    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd",
            "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1",
            "windows", "zos");
    private static final Map<String, String> ARCH_ALIASES = Map.of("i386", "386", "x86_64", "amd64",
            "x86-64", "amd64", "aarch64", "arm64", "armhf", "arm", "armel", "arm");
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64",
            "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32",
            "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

    /** OS and architecture of a parsed platform. */
    record Platform(String os, String architecture) {
    }

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.From from)) {
            return;
        }
        Optional<Flag> flag = from.flag("platform");
        if (flag.isEmpty() || flag.get().value() == null) {
            return;
        }
        Optional<Expansion> expansion = FromArgs.of(analysis.dockerfile()).expand(flag.get().value());
        if (expansion.isEmpty() || !expansion.get().referenced().isEmpty()) {
            return; // a variable: not a constant
        }
        String value = expansion.get().value();
        Optional<Platform> platform = parse(value);
        if (platform.isEmpty()) {
            return;
        }
        String stageName = from.stageName() == null ? "" : from.stageName().value().toLowerCase(Locale.ROOT);
        if (stageName.contains(platform.get().os()) || stageName.contains(platform.get().architecture())) {
            return;
        }
        out.report(flag.get().range(), "FROM --platform flag should not use constant value \"" + value + "\"");
    }

    /** containerd's platforms.Parse, as far as OS and architecture go. */
    static Optional<Platform> parse(String specifier) {
        String[] parts = specifier.split("/", -1);
        for (String part : parts) {
            if (!part.matches("[A-Za-z0-9_-]+")) {
                return Optional.empty();
            }
        }
        String first = parts[0].toLowerCase(Locale.ROOT);
        switch (parts.length) {
            case 1:
                if (KNOWN_OS.contains(first)) {
                    return Optional.of(new Platform(first, "amd64"));
                }
                String arch = ARCH_ALIASES.getOrDefault(first, first);
                return KNOWN_ARCH.contains(arch) ? Optional.of(new Platform("linux", arch)) : Optional.empty();
            case 2:
            case 3:
                String os = first.equals("macos") ? "darwin" : first;
                String second = parts[1].toLowerCase(Locale.ROOT);
                return Optional.of(new Platform(os, ARCH_ALIASES.getOrDefault(second, second)));
            default:
                return Optional.empty();
        }
    }

    @Override
    public boolean checksOnbuildTriggers() {
        return false;
    }
}
