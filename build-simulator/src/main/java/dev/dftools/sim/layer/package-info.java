/**
 * Reproducible layer tars written the way Go's archive/tar writes them for docker/buildah, the
 * overlay upper dir to OCI layer conversion, and layer descriptors (digests, sizes, files).
 */
@NonNullByDefault
package dev.dftools.sim.layer;

import org.eclipse.jdt.annotation.NonNullByDefault;
