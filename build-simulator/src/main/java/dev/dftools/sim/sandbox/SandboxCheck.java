package dev.dftools.sim.sandbox;

/** Whether the sandbox can run on this machine; when not, one message that says why. */
public record SandboxCheck(boolean ok, String message) {
    static SandboxCheck yes() {
        return new SandboxCheck(true, "root sandbox available (unshare + overlayfs + chroot)");
    }

    static SandboxCheck no(String message) {
        return new SandboxCheck(false, message);
    }
}
