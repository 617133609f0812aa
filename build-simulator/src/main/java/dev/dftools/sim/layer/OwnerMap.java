package dev.dftools.sim.layer;

import java.util.function.LongUnaryOperator;

/**
 * Maps the owners seen on the host to the owners written in the tar. A rootless sandbox sees
 * container uid 0 as the user's uid and uid N as subuid base + N - 1 (pitfall 3 of the
 * reference); the layer must carry the container's ids.
 */
public record OwnerMap(LongUnaryOperator uid, LongUnaryOperator gid) {
    public static OwnerMap identity() {
        return new OwnerMap(LongUnaryOperator.identity(), LongUnaryOperator.identity());
    }

    /** The usual rootless mapping: {@code user} is container 0, {@code [base, base+size)} is {@code 1..size}. */
    public static OwnerMap rootless(long user, long group, long subBase, long subSize) {
        return new OwnerMap(one(user, subBase, subSize), one(group, subBase, subSize));
    }

    private static LongUnaryOperator one(long self, long base, long size) {
        return host -> {
            if (host == self) {
                return 0;
            }
            if (host >= base && host < base + size) {
                return host - base + 1;
            }
            return 65534; // unmapped ids show as nobody inside a user namespace
        };
    }
}
