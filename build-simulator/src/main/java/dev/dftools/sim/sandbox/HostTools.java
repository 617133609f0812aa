package dev.dftools.sim.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Absolute paths of the host programs the sandbox runs (the step's own env is cleared). */
record HostTools(String unshare, String setsid, String setpriv, String env, String sh, String kill) {
    private static final List<String> DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    static Optional<HostTools> find() {
        Optional<String> unshare = which("unshare");
        Optional<String> setsid = which("setsid");
        Optional<String> setpriv = which("setpriv");
        Optional<String> env = which("env");
        Optional<String> sh = which("sh");
        Optional<String> kill = which("kill");
        if (unshare.isEmpty() || setsid.isEmpty() || setpriv.isEmpty() || env.isEmpty() || sh.isEmpty() || kill.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HostTools(unshare.get(), setsid.get(), setpriv.get(), env.get(), sh.get(), kill.get()));
    }

    static Optional<String> which(String name) {
        return DIRS.stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).map(Path::toString).findFirst();
    }
}
