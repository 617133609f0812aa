package dev.dftools.sim.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command line of one RUN: {@code setsid unshare <namespaces> sh -c SETUP -- EXEC...}.
 * SETUP runs as root in the new mount namespace (mounts vanish with it, so nothing leaks to the host)
 * and ends with {@code exec env -i ... unshare --root=merged --wd=DIR --setgid --setuid -- ARGV}.
 * Everything variable travels as arguments or environment, never spliced into the script.
 */
final class SandboxScript {
    /** Exit code of a failed setup (before the step's command started). */
    static final int SETUP_FAILED = 125;
    static final String STUBS_FILE = "stubs";
    static final String PARENTS_FILE = "parents";
    static final String READY_FILE = "ready";
    static final String MERGED_DIR = "merged";
    /** Where SETUP puts the merged tree in the root it pivots into. */
    static final String JAIL_ROOTFS = "/c";

    static final String SETUP = """
            set -eu
            fail() { echo "dfsim sandbox: $*" >&2; exit 125; }
            cd "$DFSIM_RUN"
            M="$DFSIM_RUN/merged"
            mount -t overlay overlay -o "lowerdir=$DFSIM_LOWER,upperdir=$DFSIM_UPPER,workdir=$DFSIM_WORK$DFSIM_OVERLAY_OPTS$DFSIM_OVERLAY_EXTRA" merged \\
              || fail "overlay mount failed (lowerdir=$DFSIM_LOWER)"
            : > stubs
            # A mount point the image lacks must be created in the upper dir: record it so it is dropped.
            point() {
              if [ -L "$M$1" ]; then fail "$1 is a symlink in the image; cannot mount $2 there"; fi
              if [ ! -e "$M$1" ]; then mkdir "$M$1"; echo "$1" >> stubs; fi
              [ -d "$M$1" ] || fail "$1 is not a directory in the image; cannot mount $2 there"
            }
            point /proc proc; mount -t proc -o nosuid,nodev,noexec proc "$M/proc" || fail "cannot mount /proc"
            # in a user namespace sharing the host's network sysfs cannot be mounted: bind the host's (read-only
            # to the step anyway: its files need real privileges to write)
            point /sys sysfs; mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$M/sys" 2>/dev/null \\
              || mount --rbind /sys "$M/sys" || fail "cannot mount /sys"
            # /dev is a tmpfs so device nodes and their bind targets never reach the upper dir.
            point /dev devtmpfs; mount -t tmpfs -o mode=755,nosuid,size=65536k tmpfs "$M/dev" || fail "cannot mount /dev"
            for d in null zero full random urandom tty; do
              : > "$M/dev/$d"; mount --bind "/dev/$d" "$M/dev/$d" || fail "cannot bind /dev/$d"
            done
            ln -s /proc/self/fd "$M/dev/fd"; ln -s /proc/self/fd/0 "$M/dev/stdin"
            ln -s /proc/self/fd/1 "$M/dev/stdout"; ln -s /proc/self/fd/2 "$M/dev/stderr"
            mkdir "$M/dev/shm" "$M/dev/pts"
            mount -t tmpfs -o nosuid,nodev,mode=1777,size=65536k shm "$M/dev/shm" || fail "cannot mount /dev/shm"
            if [ "$DFSIM_NET" = host ]; then
              # Only over an existing regular file: a new mount point would land in the layer.
              for f in resolv.conf hosts; do
                if [ -f "$M/etc/$f" ] && [ ! -L "$M/etc/$f" ] && [ -f "/etc/$f" ]; then
                  mount --bind "/etc/$f" "$M/etc/$f" && mount -o remount,bind,ro "$M/etc/$f" \\
                    || fail "cannot bind /etc/$f"
                fi
              done
            fi
            # Extra mounts (RUN --mount, heredoc scripts). A missing mount point is created and listed in
            # stubs; a parent dir this creates (or copies up from a lower layer) is listed in parents; the
            # JVM takes both out of the upper dir afterwards, so the layer never shows them.
            : > parents
            i=0
            while [ "$i" -lt "$DFSIM_MOUNTS" ]; do
              eval "mt=\\$DFSIM_MT_$i; ms=\\$DFSIM_MS_$i; md=\\$DFSIM_MD_$i; mr=\\$DFSIM_MR_$i; mo=\\$DFSIM_MO_$i"
              rel=""; rest="${md#/}"
              while [ -n "$rest" ]; do
                c="${rest%%/*}"
                case "$rest" in */*) rest="${rest#*/}" ;; *) rest="" ;; esac
                [ -z "$c" ] && continue
                rel="$rel/$c"
                [ -L "$M$rel" ] && fail "cannot mount at $md: $rel is a symlink in the image"
                if [ -n "$rest" ]; then
                  if [ ! -e "$M$rel" ] || [ ! -e "$DFSIM_UPPER$rel" ]; then echo "$rel" >> parents; fi
                  [ -e "$M$rel" ] || mkdir "$M$rel"
                  [ -d "$M$rel" ] || fail "cannot mount at $md: $rel is not a directory"
                fi
              done
              [ -n "$rel" ] || fail "cannot mount over /"
              if [ ! -e "$M$rel" ]; then
                if [ "$mt" = bind ] && [ ! -d "$ms" ]; then : > "$M$rel"; else mkdir "$M$rel"; fi
                echo "$rel" >> stubs
              fi
              if [ "$mt" = bind ]; then
                mount --bind "$ms" "$M$rel" || fail "cannot bind-mount at $md"
                if [ "$mr" = ro ]; then mount -o remount,bind,ro "$M$rel" || fail "cannot make $md read-only"; fi
              else
                mount -t tmpfs -o "nosuid,nodev${mo:+,$mo}" tmpfs "$M$rel" || fail "cannot mount a tmpfs at $md"
              fi
              i=$((i + 1))
            done
            # Create a missing working directory without following symlinks (they could point out of
            # the rootfs); a symlinked path is left to the chdir inside the chroot.
            p="$M"; rest="${DFSIM_WD#/}"
            while [ -n "$rest" ]; do
              c="${rest%%/*}"
              case "$rest" in */*) rest="${rest#*/}" ;; *) rest="" ;; esac
              [ -z "$c" ] && continue
              p="$p/$c"
              [ -L "$p" ] && break
              [ -e "$p" ] || mkdir "$p"
            done
            # The step's chroot must not be escapable to the host (chroot into a subdir, climb with "..",
            # chroot again needs only sys_chroot): pivot_root into a throwaway tmpfs that holds just the
            # host's binaries, read-only, for the exec chain below, and the merged tree at /c.
            J="$DFSIM_RUN/jail"
            mkdir "$J"
            mount -t tmpfs -o mode=755,size=1m dfsim-jail "$J" || fail "cannot mount the jail"
            for d in usr bin sbin lib lib32 lib64 libx32; do
              if [ -L "/$d" ]; then
                ln -s "$(readlink "/$d")" "$J/$d"
              elif [ -d "/$d" ]; then
                mkdir "$J/$d"
                mount --rbind "/$d" "$J/$d" || fail "cannot bind /$d"
                # rootless, an unmapped root's files are read-only to the step anyway
                mount -o remount,bind,ro "$J/$d" 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev "$J/$d" \\
                  2>/dev/null || [ -n "$DFSIM_OVERLAY_OPTS" ] || fail "cannot make /$d read-only"
              fi
            done
            mkdir "$J/c" "$J/.old"
            ln -s c/proc "$J/proc" # umount (libmount) reads /proc/self/mountinfo
            mount --rbind "$M" "$J/c" || fail "cannot bind the rootfs"
            : > ready
            cd "$J"
            pivot_root . .old || fail "pivot_root failed"
            umount -l /.old 2>&1 || fail "cannot detach the host root"
            rmdir /.old
            exec "$@"
            """;

    private SandboxScript() {
    }

    /**
     * What the step keeps of root's capabilities: Docker's default set without {@code mknod} (Docker
     * keeps it but denies device access with a cgroup, which dfsim does not set up) and, like Docker,
     * without {@code sys_admin} (no mounts), {@code sys_ptrace}, {@code sys_module}, {@code net_admin}.
     */
    static final String STEP_CAPABILITIES = "-all,+chown,+dac_override,+fowner,+fsetid,+kill,+setgid,+setuid,"
            + "+setpcap,+net_bind_service,+net_raw,+sys_chroot,+audit_write,+setfcap";

    /**
     * The full argv started by the JVM. The parent-death signal kills the sandbox when the JVM dies
     * (even by SIGKILL); unshare's --kill-child then takes the step's PID namespace, and with it the
     * mount namespace holding every mount, down too.
     */
    static List<String> argv(HostTools tools, RunSpec spec, ResolvedUser user, Path runDir) {
        List<String> argv = new ArrayList<>(List.of(tools.setsid(), tools.setpriv(), "--pdeathsig", "KILL",
                tools.unshare(), "--mount", "--pid", "--fork", "--kill-child", "--uts", "--ipc"));
        if (spec.network() == Network.NONE) {
            argv.add("--net");
        }
        argv.addAll(List.of("--propagation", "private", tools.sh(), "-c", SETUP, "dfsim-sandbox"));
        argv.addAll(execArgv(tools, spec, user, runDir));
        return argv;
    }

    /** What SETUP finally execs: a clean environment, then chroot + chdir + setgid/setuid + the command. */
    static List<String> execArgv(HostTools tools, RunSpec spec, ResolvedUser user, Path runDir) {
        List<String> argv = new ArrayList<>(List.of(tools.env(), "-i"));
        for (Map.Entry<String, String> e : stepEnv(spec, user).entrySet()) {
            argv.add(e.getKey() + "=" + e.getValue());
        }
        // the bounding set is what a root process gets at its next exec: unshare keeps sys_chroot and
        // setuid/setgid for the chroot and the user switch; the step gets nothing more
        argv.addAll(List.of(tools.setpriv(), "--inh-caps=-all", "--bounding-set=" + STEP_CAPABILITIES, "--"));
        argv.add(tools.unshare());
        argv.add("--root=" + JAIL_ROOTFS); // the merged tree inside the pivoted jail
        argv.add("--wd=" + spec.workingDir());
        if (!(Rootless.setgroupsDenied() && user.uid() == 0 && user.gid() == 0)) {
            // (a rootless namespace without subordinate ids denies setgroups; root needs no switch there)
            argv.add("--setgid=" + user.gid()); // also drops supplementary groups
            argv.add("--setuid=" + user.uid());
        }
        argv.add("--");
        argv.addAll(spec.command().argv());
        return argv;
    }

    /** Docker adds PATH and HOME when the image does not set them. */
    static Map<String, String> stepEnv(RunSpec spec, ResolvedUser user) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", user.home());
        env.putAll(spec.env());
        return env;
    }

    /** The setup's parameters; PATH is the host's search path for mount, mkdir and friends. */
    static Map<String, String> setupEnv(RunSpec spec, Path runDir, String lowerOption) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("DFSIM_RUN", runDir.toString());
        env.put("DFSIM_LOWER", lowerOption);
        env.put("DFSIM_UPPER", spec.upperDir().toAbsolutePath().toString());
        env.put("DFSIM_WORK", spec.workDir().toAbsolutePath().toString());
        env.put("DFSIM_NET", spec.network() == Network.NONE ? "none" : "host");
        env.put("DFSIM_OVERLAY_OPTS", Rootless.overlayOptions());
        env.put("DFSIM_OVERLAY_EXTRA", SandboxProbe.extraOptions()); // ",volatile" when the probe found it works
        env.put("DFSIM_WD", spec.workingDir());
        env.put("DFSIM_MOUNTS", Integer.toString(spec.mounts().size()));
        for (int i = 0; i < spec.mounts().size(); i++) {
            RunMount m = spec.mounts().get(i);
            env.put("DFSIM_MT_" + i, m.type() == RunMount.Type.BIND ? "bind" : "tmpfs");
            env.put("DFSIM_MS_" + i, m.source() == null ? "" : m.source().toAbsolutePath().toString());
            env.put("DFSIM_MD_" + i, m.target());
            env.put("DFSIM_MR_" + i, m.readOnly() ? "ro" : "rw");
            env.put("DFSIM_MO_" + i, m.options());
        }
        return env;
    }

    /**
     * overlayfs wants the topmost lower first; short relative links (l/0, l/1, ...) keep the option
     * under the kernel's one-page limit however deep the image is.
     */
    static String lowerOption(int layerCount) {
        StringBuilder sb = new StringBuilder();
        for (int i = layerCount - 1; i >= 0; i--) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append("l/").append(i);
        }
        return sb.toString();
    }
}
