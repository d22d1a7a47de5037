/**
 * Cosign signature manifests as registries hold them ({@code sha256-<hex>.sig}): reading, recognising and merging
 * them.
 */
package io.kimigayo.oci.cosign;
