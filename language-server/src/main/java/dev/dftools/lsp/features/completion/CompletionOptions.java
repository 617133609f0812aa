package dev.dftools.lsp.features.completion;

import java.nio.file.Path;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Where completion looks outside the document.
 *
 * @param contextDir the build context for COPY/ADD paths; null: the document's folder
 * @param imageStore the dfsim image store for image names and tags; null or missing: no items
 */
public record CompletionOptions(@Nullable Path contextDir, @Nullable Path imageStore) {

    public static CompletionOptions defaults() {
        return new CompletionOptions(null, null);
    }
}
