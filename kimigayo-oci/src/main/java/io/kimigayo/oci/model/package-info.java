/**
 * The OCI documents as immutable records (descriptor, manifest, index, image config, platform), and the JSON form
 * Kimigayo writes: compact, keys in a stable order.
 */
package io.kimigayo.oci.model;
