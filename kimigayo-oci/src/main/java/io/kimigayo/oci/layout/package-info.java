/**
 * OCI image layouts and archives: the blob store, the verified readers of base images (digests, sizes, unsafe
 * entries) and the writers of layouts, OCI archives and docker-archives.
 */
package io.kimigayo.oci.layout;
