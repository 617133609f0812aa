package dev.dftools.sim.sandbox;

/** The RUN step's network: the host's (like {@code docker build}) or none (only a down {@code lo}). */
public enum Network {
    HOST,
    NONE
}
