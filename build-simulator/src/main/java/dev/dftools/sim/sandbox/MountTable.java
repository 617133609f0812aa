package dev.dftools.sim.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/self/mountinfo: used to prove a run left no mount behind. */
final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    /** Mount points at or below {@code dir} in this process's mount namespace, deepest last. */
    static List<Path> mountsUnder(Path dir) throws IOException {
        return mountsUnder(Files.readAllLines(MOUNTINFO), dir);
    }

    static List<Path> mountsUnder(List<String> mountinfo, Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (String line : mountinfo) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                Path point = Path.of(unescape(fields[4]));
                if (point.startsWith(base)) {
                    found.add(point);
                }
            }
        }
        return found;
    }

    /** The kernel writes space, tab, newline and backslash as octal escapes (\040 ...). */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
