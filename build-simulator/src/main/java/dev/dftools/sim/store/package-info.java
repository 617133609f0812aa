/** A local OCI image-layout store: content-addressed blobs, tags in index.json, import and export. */
@NonNullByDefault
package dev.dftools.sim.store;

import org.eclipse.jdt.annotation.NonNullByDefault;
