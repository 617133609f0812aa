/** OCI image config, manifest and index records, serialized as canonical JSON. */
@NonNullByDefault
package dev.dftools.sim.image;

import org.eclipse.jdt.annotation.NonNullByDefault;
