package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dftools.sim.layer.Digest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/** An OCI image config; its canonical JSON's sha256 is the image ID. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageConfig(@Nullable String created, @Nullable String author, String architecture, String os,
        ContainerConfig config, RootFs rootfs, List<HistoryEntry> history) {

    public ImageConfig {
        history = List.copyOf(history);
    }

    public ImageConfig(@Nullable String created, String architecture, String os, ContainerConfig config, RootFs rootfs,
            List<HistoryEntry> history) {
        this(created, null, architecture, os, config, rootfs, history);
    }

    /** MAINTAINER: the image's author. */
    public ImageConfig withAuthor(@Nullable String newAuthor) {
        return new ImageConfig(created, newAuthor, architecture, os, config, rootfs, history);
    }

    /** A config change that writes no history line (ONBUILD, as BuildKit does). */
    public ImageConfig withConfig(ContainerConfig newConfig) {
        return new ImageConfig(created, author, architecture, os, newConfig, rootfs, history);
    }

    public static ImageConfig empty(String architecture, String os) {
        return new ImageConfig(null, architecture, os, ContainerConfig.EMPTY, RootFs.layers(List.of()), List.of());
    }

    /** This config plus a layer and its history line. */
    public ImageConfig withLayer(Digest diffId, HistoryEntry entry) {
        List<String> ids = new ArrayList<>(rootfs.diffIds());
        ids.add(diffId.toString());
        return new ImageConfig(entry.created(), author, architecture, os, config, RootFs.layers(ids), append(entry));
    }

    /** This config with a metadata change and an {@code empty_layer} history line. */
    public ImageConfig withMetadata(ContainerConfig newConfig, HistoryEntry entry) {
        return new ImageConfig(entry.created(), author, architecture, os, newConfig, rootfs, append(entry));
    }

    public byte[] toJson() {
        return CanonicalJson.bytes(this);
    }

    public Digest digest() {
        return CanonicalJson.digest(this);
    }

    private List<HistoryEntry> append(HistoryEntry entry) {
        List<HistoryEntry> h = new ArrayList<>(history);
        h.add(entry);
        return h;
    }
}
