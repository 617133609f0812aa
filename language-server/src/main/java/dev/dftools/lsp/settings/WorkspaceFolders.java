package dev.dftools.lsp.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The client's workspace folders. A document belongs to the innermost folder that contains it;
 * outside every folder it stands alone (its own folder is then its context).
 */
public final class WorkspaceFolders {

    /** A workspace folder: the URI the client uses for it and its path on disk. */
    public record Folder(String uri, Path path) {
    }

    private final List<Folder> folders = new CopyOnWriteArrayList<>();

    public void add(String uri) {
        toPath(uri).ifPresent(p -> {
            remove(uri);
            folders.add(new Folder(uri, p));
        });
    }

    public void remove(String uri) {
        folders.removeIf(f -> f.uri().equals(uri));
    }

    public List<Folder> all() {
        return List.copyOf(folders);
    }

    /** The innermost folder containing the document. */
    public Optional<Folder> folderOf(String documentUri) {
        Optional<Path> path = toPath(documentUri);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Folder best = null;
        for (Folder f : new ArrayList<>(folders)) {
            if (path.get().startsWith(f.path()) && (best == null || f.path().getNameCount() > best.path().getNameCount())) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The file a {@code file:} URI names; empty for other schemes (untitled:, …) or bad URIs. */
    public static Optional<Path> toPath(@Nullable String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        try {
            URI u = URI.create(uri);
            if (!"file".equalsIgnoreCase(u.getScheme())) {
                return Optional.empty();
            }
            return Optional.of(Path.of(u).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }
}
