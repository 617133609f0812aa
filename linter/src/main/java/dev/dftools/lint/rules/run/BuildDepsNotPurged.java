package dev.dftools.lint.rules.run;

import dev.dftools.grammar.ast.Instruction;
import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import dev.dftools.lint.Analysis;
import dev.dftools.lint.Findings;
import dev.dftools.lint.InstructionRule;
import dev.dftools.lint.RuleInfo;
import dev.dftools.lint.Severity;
import dev.dftools.lint.StageLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compilers and headers ({@code build-essential}, {@code gcc}, {@code make}, {@code libpq-dev},
 * ...) installed in the final stage, used to build something in the same RUN, and never removed:
 * they were only needed for that build, yet every copy of the image carries them. The Docker
 * guide installs them, builds and purges them in one RUN, or builds in an earlier stage.
 * Deliberately narrow, because SDK, builder and development images keep compilers on purpose
 * (the real-world corpus is full of them): only {@code apt-get install} and {@code apk add}
 * (without {@code --virtual}, which {@code DF3101} covers), only the final stage, only
 * unmistakable build-tool names, only when a build (make, configure, pip install, ...) follows in
 * the same RUN, and any {@code apt-get purge/remove/autoremove} or {@code apk del} later in the
 * same RUN counts as cleanup.
 */
@RuleInfo(code = "DF3102", slug = "build-deps-not-purged", severity = Severity.INFO,
        summary = "Build tools installed in the final stage are never removed.",
        tags = {"packages", "apt", "apk", "image-size"})
public final class BuildDepsNotPurged implements InstructionRule, StageLocal {

    private static final Set<String> TOOLCHAIN = Set.of("build-essential", "build-base", "gcc", "g++", "make",
            "cmake", "clang", "autoconf", "automake", "libtool", "musl-dev", "libc6-dev", "libc-dev");
    private static final Pattern VERSIONED_COMPILER = Pattern.compile("(gcc|g\\+\\+|clang)-\\d+(\\.\\d+)?");

    @Override
    public void check(Instruction instruction, Analysis analysis, Findings out) {
        if (!(instruction instanceof Instruction.Run run) || !StageScope.isFinal(analysis, run)) {
            return;
        }
        List<SimpleCommand> commands = analysis.commands(run);
        for (SimpleCommand c : commands) {
            Word sub;
            List<Word> packages;
            boolean apt;
            if ((sub = PackageManagers.aptGetInstall(c)) != null) {
                apt = true;
                packages = CommandArgs.packages(c, PackageManagers.APT_VALUE_FLAGS);
            } else if ((sub = PackageManagers.apkAdd(c)) != null && !c.hasFlag("--virtual", "-t")) {
                apt = false;
                packages = CommandArgs.packages(c, PackageManagers.APK_VALUE_FLAGS);
            } else {
                continue;
            }
            List<String> tools = new ArrayList<>();
            for (Word pkg : packages) {
                String name = packageName(pkg);
                if (name != null && isBuildTool(name)) {
                    tools.add(name);
                }
            }
            List<SimpleCommand> after = CommandArgs.after(commands, c);
            if (tools.isEmpty() || after.stream().noneMatch(BuildDepsNotPurged::builds)
                    || after.stream().anyMatch(r -> removesPackages(r, apt))) {
                continue;
            }
            String list = String.join(" ", tools);
            out.report(CommandArgs.head(c, sub), "Build tools stay in the final image: " + String.join(", ", tools)
                    + ". Remove them in this RUN once the build is done ('"
                    + (apt ? "apt-get purge -y --auto-remove " : "apk del ") + list
                    + "'), or build in an earlier stage and copy only the result.");
        }
    }

    /** The package name without version, release or architecture; null when not known literally. */
    private static String packageName(Word pkg) {
        if (pkg.hasExpansion()) {
            return null;
        }
        String v = pkg.value();
        int cut = v.length();
        for (char stop : new char[] {'=', '/', ':', '<', '>', '~'}) {
            int i = v.indexOf(stop);
            if (i > 0) {
                cut = Math.min(cut, i);
            }
        }
        return v.substring(0, cut);
    }

    static boolean isBuildTool(String name) {
        return TOOLCHAIN.contains(name) || VERSIONED_COMPILER.matcher(name).matches()
                || (name.endsWith("-dev") && name.length() > 4);
    }

    /** Whether the command builds something (so the tools installed before it served that build). */
    static boolean builds(SimpleCommand c) {
        Word name = c.name();
        if (name == null || name.hasExpansion()) {
            return false;
        }
        String base = name.value().substring(name.value().lastIndexOf('/') + 1);
        if (BUILDERS.contains(base) || base.endsWith("configure") || PackageManagers.pipInstall(c, false) != null) {
            return true;
        }
        List<Word> operands = CommandArgs.operands(c, Set.of());
        String sub = operands.isEmpty() || operands.get(0).hasExpansion() ? "" : operands.get(0).value();
        return switch (base) {
            case "gem", "bundle", "npm", "yarn", "pnpm", "cargo", "pecl", "pip", "composer" ->
                    Set.of("install", "i", "ci", "add", "build").contains(sub);
            default -> base.startsWith("python") && c.hasArg("setup.py");
        };
    }

    private static final Set<String> BUILDERS = Set.of("make", "cmake", "ninja", "meson", "gcc", "g++", "cc", "c++",
            "clang", "docker-php-ext-install", "cpanm", "node-gyp", "rustc");

    private static boolean removesPackages(SimpleCommand c, boolean apt) {
        if (apt) {
            return c.isNamed("apt-get", "apt") && CommandArgs.hasSubcommand(c, PackageManagers.APT_VALUE_FLAGS,
                    "purge", "remove", "autoremove");
        }
        return c.isNamed("apk") && CommandArgs.hasSubcommand(c, PackageManagers.APK_VALUE_FLAGS, "del");
    }
}
