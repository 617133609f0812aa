package dev.dftools.sim.sandbox;

/** The numeric ids a step runs as, and the home directory used when HOME is not set. */
public record ResolvedUser(int uid, int gid, String home) {
    public static final ResolvedUser ROOT = new ResolvedUser(0, 0, "/root");
}
