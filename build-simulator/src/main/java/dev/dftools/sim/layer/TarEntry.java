package dev.dftools.sim.layer;

/**
 * One tar header as Go's archive/tar gets it from docker/buildah: {@code mode} is the full value
 * written to the header (permission, setuid/setgid/sticky and, for docker, file-type bits),
 * {@code mtime} whole seconds (docker truncates), user/group names left empty so the tar does not
 * depend on the host's passwd file.
 */
public record TarEntry(String name, EntryType type, int mode, long uid, long gid, long size, long mtime,
        String linkName, int devMajor, int devMinor) {

    public TarEntry {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty tar entry name");
        }
        if (size < 0 || (size > 0 && type != EntryType.FILE)) {
            throw new IllegalArgumentException("only regular files carry data: " + name);
        }
    }

    public static TarEntry file(String name, int perm, long size, long mtime) {
        return new TarEntry(name, EntryType.FILE, EntryType.FILE.typeBits() | perm, 0, 0, size, mtime, "", 0, 0);
    }

    public static TarEntry directory(String name, int perm, long mtime) {
        String n = name.endsWith("/") ? name : name + "/";
        return new TarEntry(n, EntryType.DIRECTORY, EntryType.DIRECTORY.typeBits() | perm, 0, 0, 0, mtime, "", 0, 0);
    }

    public static TarEntry symlink(String name, String target, long mtime) {
        return new TarEntry(name, EntryType.SYMLINK, EntryType.SYMLINK.typeBits() | 0777, 0, 0, 0, mtime, target, 0, 0);
    }

    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(name, type, mode, newUid, newGid, size, mtime, linkName, devMajor, devMinor);
    }
}
