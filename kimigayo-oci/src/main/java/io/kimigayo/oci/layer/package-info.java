/**
 * Layers: a file tree or a tar written as a deterministic tar+gzip blob with its digest and diff_id.
 */
package io.kimigayo.oci.layer;
