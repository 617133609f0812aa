package dev.dftools.lint.rules.run;

import dev.dftools.grammar.shell.SimpleCommand;
import dev.dftools.grammar.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;

/**
 * What the rules of this group know about each package manager's command line: the flags that
 * take a separate value (so that value is not read as a package) and how an install is spelled.
 */
final class PackageManagers {

    static final Set<String> APT_VALUE_FLAGS = Set.of("-o", "--option", "-c", "--config-file", "-t",
            "--target-release", "--default-release", "-a", "--host-architecture");
    static final Set<String> APK_VALUE_FLAGS = Set.of("-t", "--virtual", "--repository", "-X", "--repositories-file",
            "-p", "--root", "--keys-dir", "--arch", "--cache-dir", "--cache-max-age", "--timeout");
    static final Set<String> PIP_VALUE_FLAGS = Set.of("-i", "--index-url", "--extra-index-url", "-t", "--target",
            "-e", "--editable", "-f", "--find-links", "--trusted-host", "--platform", "--python-version", "--root",
            "--prefix", "--src", "-b", "--build", "--progress-bar", "--proxy", "--upgrade-strategy", "--no-binary",
            "--only-binary", "--abi", "--implementation", "--root-user-action", "--python", "--cache-dir", "--log",
            "--timeout", "--retries", "--exists-action", "--cert", "--client-cert", "--global-option",
            "--install-option", "--config-settings", "-C", "--report", "--suffix", "--pip-args", "--spec",
            "-r", "--requirement", "-c", "--constraint");
    static final Set<String> NPM_VALUE_FLAGS = Set.of("--loglevel", "--registry", "--prefix", "--cache", "--tag",
            "--omit", "--include", "--workspace", "-w", "--userconfig", "--install-strategy");
    static final Set<String> RPM_VALUE_FLAGS = Set.of("-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel",
            "--installroot", "--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--setopt",
            "--downloaddir", "--repo", "--repoid", "--forcearch");
    static final Set<String> ZYPPER_VALUE_FLAGS = Set.of("-R", "--root", "-c", "--config", "-D", "--reposd-dir",
            "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-t", "--type", "-r", "--repo",
            "--from");
    static final Set<String> GEM_VALUE_FLAGS = Set.of("-v", "--version", "-i", "--install-dir", "-n", "--bindir",
            "-s", "--source", "--platform", "-p", "--http-proxy", "--document", "--build-root", "-g", "--file");
    static final Set<String> GO_VALUE_FLAGS = Set.of("-C", "-o", "-p", "-ldflags", "-gcflags", "-asmflags", "-tags",
            "-mod", "-modfile", "-pkgdir", "-buildmode", "-compiler", "-gccgoflags", "-installsuffix", "-overlay",
            "-pgo", "-toolexec", "-exec", "-covermode", "-coverpkg", "--ldflags", "--gcflags", "--tags", "--mod",
            "--modfile", "--buildmode", "--overlay", "--pgo", "--toolexec", "--exec");

    private static final Pattern PIP_NAME = Pattern.compile("pip[0-9.]*");
    private static final Pattern PYTHON_NAME = Pattern.compile("python[0-9.]*");

    private PackageManagers() {
    }

    /**
     * {@code apt-get install} (also {@code /usr/bin/apt-get}); returns the {@code install} word or
     * null. A simulated install ({@code -s}, {@code --dry-run}, ...) installs nothing and is not one.
     */
    static @Nullable Word aptGetInstall(SimpleCommand c) {
        if (!c.isNamed("apt-get")
                || c.hasFlag("-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act")) {
            return null;
        }
        Word sub = CommandArgs.subcommand(c, APT_VALUE_FLAGS);
        return sub != null && sub.is("install") ? sub : null;
    }

    /** {@code apk add}; returns the {@code add} word or null. */
    static @Nullable Word apkAdd(SimpleCommand c) {
        if (!c.isNamed("apk")) {
            return null;
        }
        Word sub = CommandArgs.subcommand(c, APK_VALUE_FLAGS);
        return sub != null && sub.is("add") ? sub : null;
    }

    /**
     * A {@code pip install}: by {@code pip}, {@code pip3}, {@code pip3.12}, {@code python3 -m pip},
     * and, when {@code withPipx}, {@code pipx} / {@code python -m pipx}.
     *
     * @param install  the {@code install} word
     * @param packages the operands after it (flag values dropped)
     * @param args     every word after {@code install}
     */
    record PipInstall(SimpleCommand command, Word install, List<Word> packages, List<Word> args, boolean pipx) {
    }

    static @Nullable PipInstall pipInstall(SimpleCommand c, boolean withPipx) {
        Word name = c.name();
        if (name == null || name.hasExpansion()) {
            return null;
        }
        String base = name.value().substring(name.value().lastIndexOf('/') + 1);
        List<Word> args = c.args();
        int from;
        boolean pipx;
        if (PIP_NAME.matcher(base).matches() || base.equals("pipx")) {
            pipx = base.equals("pipx");
            from = 0;
        } else if (PYTHON_NAME.matcher(base).matches()) {
            int m = indexOf(args, "-m");
            if (m < 0 || m + 1 >= args.size()) {
                return null;
            }
            String module = args.get(m + 1).value();
            if (!module.equals("pip") && !module.equals("pipx")) {
                return null;
            }
            pipx = module.equals("pipx");
            from = m + 2;
        } else {
            return null;
        }
        if (pipx && !withPipx) {
            return null;
        }
        // the subcommand: the first operand after the program (skipping global flags and their values)
        for (int i = from; i < args.size(); i++) {
            Word w = args.get(i);
            if (CommandArgs.isFlag(w)) {
                if (!w.value().contains("=") && PIP_VALUE_FLAGS.contains(w.value())) {
                    i++;
                }
                continue;
            }
            if (!w.is("install")) {
                return null;
            }
            List<Word> rest = args.subList(i + 1, args.size());
            return new PipInstall(c, w, operands(rest, PIP_VALUE_FLAGS), rest, pipx);
        }
        return null;
    }

    private static int indexOf(List<Word> words, String value) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).is(value)) {
                return i;
            }
        }
        return -1;
    }

    /** Operands of a list of words (as {@link CommandArgs#operands}, which works on a whole command). */
    static List<Word> operands(List<Word> words, Set<String> valueFlags) {
        List<Word> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (w.is("--")) {
                out.addAll(words.subList(i + 1, words.size()));
                break;
            }
            if (CommandArgs.isFlag(w)) {
                if (!w.value().contains("=") && valueFlags.contains(w.value())) {
                    i++;
                }
                continue;
            }
            out.add(w);
        }
        return out;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern VERSION_TAIL = Pattern.compile("[A-Za-z0-9.~^_:+]+");

    /**
     * Whether an rpm package argument ({@code yum}/{@code dnf install}) names a version: the part
     * after the name looks like a version ({@code tomcat-9.0.1}, {@code openssl-1:1.1.1k},
     * {@code gcc-c++-1.1.1}), it is an {@code .rpm} file, or it uses a variable the Dockerfile
     * defines ({@code git-core-${version}}), which is how versions are usually passed in.
     */
    static boolean rpmPinned(String pkg, Set<String> knownVariables) {
        if (pkg.endsWith(".rpm")) {
            return true;
        }
        Matcher m = VARIABLE.matcher(pkg);
        while (m.find()) {
            if (knownVariables.contains(m.group(1))) {
                return true;
            }
        }
        String[] parts = pkg.split("-");
        if (parts.length < 2) {
            return false;
        }
        boolean digit = false;
        for (int i = 1; i < parts.length; i++) {
            if (!VERSION_TAIL.matcher(parts[i]).matches()) {
                return false;
            }
            digit |= Character.isDigit(parts[i].charAt(0));
        }
        return digit;
    }

    /** Whether the word names something other than a repository package: a path, URL, group or capability. */
    static boolean rpmNotAPackageName(String pkg) {
        return pkg.startsWith("@") || pkg.contains("/") || pkg.contains("(");
    }
}
