package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dftools.sim.layer.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;

import static dev.dftools.sim.image.JsonTrees.bool;
import static dev.dftools.sim.image.JsonTrees.number;
import static dev.dftools.sim.image.JsonTrees.object;
import static dev.dftools.sim.image.JsonTrees.objects;
import static dev.dftools.sim.image.JsonTrees.put;
import static dev.dftools.sim.image.JsonTrees.string;
import static dev.dftools.sim.image.JsonTrees.stringMap;
import static dev.dftools.sim.image.JsonTrees.strings;

/**
 * Canonical JSON for content-addressed documents: keys sorted, no whitespace, absent values left
 * out, so the same record always gives the same bytes and the same digest.
 *
 * <p>The OCI records of this package (index, manifest, descriptor, image config and its parts),
 * read and written on every build, are mapped by hand onto {@link JsonTrees} (jackson-core's
 * streaming layer), which starts in a few ms where jackson-databind's mapper takes ~150 ms; the
 * bytes are the same as the mapper's (a test compares them). Other types go through the mapper,
 * made on first use.
 */
public final class CanonicalJson {

    /** The databind mapper for other types, made on first use. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    private CanonicalJson() {}

    public static byte[] bytes(Object value) {
        Object tree = tree(value);
        if (tree != null) {
            return JsonTrees.write(tree);
        }
        try {
            return Mapper.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("records of this package always serialize", e);
        }
    }

    public static Digest digest(Object value) {
        return Digest.of(bytes(value));
    }

    /** Reads a document; unknown fields (other tools' extensions) are ignored. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        if (type == ImageConfig.class || type == Manifest.class || type == ImageIndex.class
                || type == Descriptor.class) {
            Map<String, Object> o = object(JsonTrees.parse(json), type.getSimpleName());
            try {
                return type.cast(type == ImageConfig.class ? imageConfig(o) : type == Manifest.class ? manifest(o)
                        : type == ImageIndex.class ? index(o) : descriptor(o));
            } catch (RuntimeException e) {
                // a record refusing a value (e.g. a missing list): a bad document like any other
                throw new IOException("bad " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return Mapper.MAPPER.readValue(json, type);
    }

    // ---- records -> trees (null: not one of ours)

    private static @Nullable Object tree(Object value) {
        if (value instanceof ImageConfig c) {
            Map<String, Object> o = new TreeMap<>();
            put(o, "created", c.created());
            put(o, "author", c.author());
            put(o, "architecture", c.architecture());
            put(o, "os", c.os());
            put(o, "config", c.config() == null ? null : tree(c.config()));
            put(o, "rootfs", c.rootfs() == null ? null : tree(c.rootfs()));
            List<Object> history = new ArrayList<>();
            for (HistoryEntry h : c.history()) {
                history.add(tree(h));
            }
            o.put("history", history);
            return o;
        }
        if (value instanceof ContainerConfig c) {
            Map<String, Object> o = new TreeMap<>();
            put(o, "User", c.user());
            put(o, "ExposedPorts", c.exposedPorts());
            put(o, "Env", c.env());
            put(o, "Entrypoint", c.entrypoint());
            put(o, "Cmd", c.cmd());
            put(o, "Volumes", c.volumes());
            put(o, "WorkingDir", c.workingDir());
            put(o, "Labels", c.labels());
            put(o, "StopSignal", c.stopSignal());
            put(o, "Shell", c.shell());
            put(o, "Healthcheck", c.healthcheck() == null ? null : tree(c.healthcheck()));
            put(o, "OnBuild", c.onBuild());
            return o;
        }
        if (value instanceof Healthcheck h) { // NON_DEFAULT: zeros and an empty test left out
            Map<String, Object> o = new TreeMap<>();
            if (!h.test().isEmpty()) {
                o.put("Test", h.test());
            }
            putNonZero(o, "Interval", h.interval());
            putNonZero(o, "Timeout", h.timeout());
            putNonZero(o, "StartPeriod", h.startPeriod());
            putNonZero(o, "StartInterval", h.startInterval());
            if (h.retries() != 0) {
                o.put("Retries", h.retries());
            }
            return o;
        }
        if (value instanceof HistoryEntry h) {
            Map<String, Object> o = new TreeMap<>();
            put(o, "created", h.created());
            put(o, "created_by", h.createdBy());
            put(o, "comment", h.comment());
            if (h.emptyLayer()) {
                o.put("empty_layer", true);
            }
            return o;
        }
        if (value instanceof RootFs r) {
            Map<String, Object> o = new TreeMap<>();
            put(o, "type", r.type());
            o.put("diff_ids", r.diffIds());
            return o;
        }
        if (value instanceof Descriptor d) {
            Map<String, Object> o = new TreeMap<>();
            put(o, "mediaType", d.mediaType());
            put(o, "digest", d.digest());
            o.put("size", d.size());
            if (d.annotations() != null && !d.annotations().isEmpty()) {
                o.put("annotations", d.annotations());
            }
            return o;
        }
        if (value instanceof Manifest m) {
            Map<String, Object> o = new TreeMap<>();
            o.put("schemaVersion", m.schemaVersion());
            put(o, "mediaType", m.mediaType());
            put(o, "config", m.config() == null ? null : tree(m.config()));
            o.put("layers", descriptorTrees(m.layers()));
            return o;
        }
        if (value instanceof ImageIndex i) {
            Map<String, Object> o = new TreeMap<>();
            o.put("schemaVersion", i.schemaVersion());
            put(o, "mediaType", i.mediaType());
            o.put("manifests", descriptorTrees(i.manifests()));
            return o;
        }
        return null;
    }

    private static List<Object> descriptorTrees(List<Descriptor> descriptors) {
        List<Object> l = new ArrayList<>();
        for (Descriptor d : descriptors) {
            l.add(tree(d));
        }
        return l;
    }

    private static void putNonZero(Map<String, Object> o, String key, long v) {
        if (v != 0) {
            o.put(key, v);
        }
    }

    // ---- trees -> records

    private static ImageConfig imageConfig(Map<String, Object> o) throws IOException {
        List<HistoryEntry> history = new ArrayList<>();
        for (Map<String, Object> h : objects(o, "history")) {
            history.add(new HistoryEntry(string(h, "created"), string(h, "created_by"), string(h, "comment"),
                    bool(h, "empty_layer")));
        }
        Object config = o.get("config");
        Object rootfs = o.get("rootfs");
        return new ImageConfig(string(o, "created"), string(o, "author"), string(o, "architecture"),
                string(o, "os"), config == null ? null : containerConfig(object(config, "config")),
                rootfs == null ? null : rootFs(object(rootfs, "rootfs")), history);
    }

    private static ContainerConfig containerConfig(Map<String, Object> o) throws IOException {
        Object hc = o.get("Healthcheck");
        return new ContainerConfig(string(o, "User"), objectMap(o, "ExposedPorts"), strings(o, "Env"),
                strings(o, "Entrypoint"), strings(o, "Cmd"), objectMap(o, "Volumes"), string(o, "WorkingDir"),
                stringMap(o, "Labels"), string(o, "StopSignal"), strings(o, "Shell"),
                hc == null ? null : healthcheck(object(hc, "Healthcheck")), strings(o, "OnBuild"));
    }

    private static Healthcheck healthcheck(Map<String, Object> o) throws IOException {
        List<String> test = strings(o, "Test");
        return new Healthcheck(test == null ? List.of() : test, number(o, "Interval"), number(o, "Timeout"),
                number(o, "StartPeriod"), number(o, "StartInterval"), (int) number(o, "Retries"));
    }

    private static RootFs rootFs(Map<String, Object> o) throws IOException {
        List<String> ids = strings(o, "diff_ids");
        return new RootFs(string(o, "type"), ids == null ? List.of() : ids);
    }

    /** {@code ExposedPorts}/{@code Volumes}: keys to (normally empty) objects. */
    private static @Nullable Map<String, Map<String, Object>> objectMap(Map<String, Object> o, String key)
            throws IOException {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(v, key).entrySet()) {
            out.put(e.getKey(), e.getValue() == null ? null : object(e.getValue(), key + "." + e.getKey()));
        }
        return out;
    }

    private static Descriptor descriptor(Map<String, Object> o) throws IOException {
        return new Descriptor(string(o, "mediaType"), string(o, "digest"), number(o, "size"),
                stringMap(o, "annotations"));
    }

    private static List<Descriptor> descriptors(Map<String, Object> o, String key) throws IOException {
        List<Descriptor> l = new ArrayList<>();
        for (Map<String, Object> d : objects(o, key)) {
            l.add(descriptor(d));
        }
        return l;
    }

    private static Manifest manifest(Map<String, Object> o) throws IOException {
        Object config = o.get("config");
        return new Manifest((int) number(o, "schemaVersion"), string(o, "mediaType"),
                config == null ? null : descriptor(object(config, "config")), descriptors(o, "layers"));
    }

    private static ImageIndex index(Map<String, Object> o) throws IOException {
        return new ImageIndex((int) number(o, "schemaVersion"), string(o, "mediaType"), descriptors(o, "manifests"));
    }
}
