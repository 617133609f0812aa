package dev.dftools.sim.plan;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A COPY or ADD after expansion.
 *
 * @param sources     expanded sources (context paths, globs, or URLs for ADD)
 * @param destination expanded destination, made absolute against the WORKDIR
 * @param fromStage   index of the stage copied from, or null
 * @param fromImage   image copied from ({@code --from=image}), or null
 * @param chown       expanded {@code --chown}, or null
 * @param chmod       expanded {@code --chmod}, or null
 * @param link        {@code --link}: the same bytes, the layer marked as independent of the ones below
 * @param excludes    {@code --exclude} patterns (.dockerignore syntax), expanded
 * @param parents     {@code --parents}: keep the source's parent directories
 * @param checksum    ADD {@code --checksum} (sha256:HEX), or null
 */
public record CopySpec(List<String> sources, String destination, @Nullable Integer fromStage,
        @Nullable String fromImage, @Nullable String chown, @Nullable String chmod, boolean link,
        List<String> excludes, boolean parents, @Nullable String checksum) {

    public CopySpec {
        sources = List.copyOf(sources);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    public CopySpec(List<String> sources, String destination, @Nullable Integer fromStage,
            @Nullable String fromImage, @Nullable String chown, @Nullable String chmod) {
        this(sources, destination, fromStage, fromImage, chown, chmod, false, List.of(), false, null);
    }

    /** True when the files come from the build context (not another stage or image). */
    public boolean fromContext() {
        return fromStage == null && fromImage == null;
    }
}
