package dev.dftools.sim.image;

/** The OCI media types dfsim writes. */
public final class MediaTypes {
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    /** Index annotation naming a manifest (the tag) in an OCI layout. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    private MediaTypes() {}
}
