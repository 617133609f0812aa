package dev.dftools.sim.layer;

/** Tar entry types dfsim writes, with their typeflag and the Unix file-type bits Docker keeps in the mode. */
public enum EntryType {
    FILE('0', 0100000),
    HARDLINK('1', 0100000),
    SYMLINK('2', 0120000),
    CHAR_DEVICE('3', 020000),
    BLOCK_DEVICE('4', 060000),
    DIRECTORY('5', 040000),
    FIFO('6', 010000);

    private final char flag;
    private final int typeBits;

    EntryType(char flag, int typeBits) {
        this.flag = flag;
        this.typeBits = typeBits;
    }

    public char flag() {
        return flag;
    }

    /** docker/containers-storage re-add these bits to the header mode (fillGo18FileTypeBits). */
    public int typeBits() {
        return typeBits;
    }
}
