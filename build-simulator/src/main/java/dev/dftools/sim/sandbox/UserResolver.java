package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves Docker's USER syntax against the image's /etc/passwd and /etc/group, read from the
 * layers directly (topmost layer that has the file wins), so no process has to run for it.
 */
public final class UserResolver {
    private UserResolver() {
    }

    public static ResolvedUser resolve(String user, List<Path> lowersBottomFirst) throws SandboxException {
        if (user.isEmpty() || user.equals("root") || user.equals("0")) {
            return ResolvedUser.ROOT;
        }
        String name = user;
        String group = null;
        int colon = user.indexOf(':');
        if (colon >= 0) {
            name = user.substring(0, colon);
            group = user.substring(colon + 1);
        }
        List<String> passwd = readTopmost(lowersBottomFirst, "etc/passwd");
        Optional<String[]> entry = find(passwd, name, 2);
        int uid;
        int gid;
        String home;
        if (entry.isPresent()) {
            uid = parseId(entry.get()[2], user);
            gid = parseId(entry.get()[3], user);
            home = entry.get().length > 5 && !entry.get()[5].isEmpty() ? entry.get()[5] : "/";
        } else if (isNumber(name)) {
            uid = parseId(name, user);
            gid = 0; // like Docker: a uid missing from passwd runs with gid 0
            home = "/";
        } else {
            throw new SandboxException("unable to find user " + name + ": no matching entries in passwd file");
        }
        if (group != null && !group.isEmpty()) {
            List<String> groups = readTopmost(lowersBottomFirst, "etc/group");
            Optional<String[]> g = find(groups, group, 2);
            if (g.isPresent()) {
                gid = parseId(g.get()[2], user);
            } else if (isNumber(group)) {
                gid = parseId(group, user);
            } else {
                throw new SandboxException("unable to find group " + group + ": no matching entries in group file");
            }
        }
        return new ResolvedUser(uid, gid, home);
    }

    /** A name matches field 0; a number matches the id field (passwd uid / group gid). */
    private static Optional<String[]> find(List<String> lines, String key, int idField) {
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length > idField && (f[0].equals(key) || f[idField].equals(key))) {
                if (f[0].equals(key) || isNumber(key)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The file from the topmost layer that has it; a whiteout (not a regular file) hides lower ones. */
    private static List<String> readTopmost(List<Path> lowersBottomFirst, String relative) throws SandboxException {
        for (int i = lowersBottomFirst.size() - 1; i >= 0; i--) {
            Path file = lowersBottomFirst.get(i).resolve(relative);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return List.of();
                }
                try {
                    return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new SandboxException("cannot read /" + relative + " of the image: " + e.getMessage(), e);
                }
            }
        }
        return List.of();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int parseId(String s, String user) throws SandboxException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new SandboxException("invalid id '" + s + "' for user " + user);
        }
    }
}
