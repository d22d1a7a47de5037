/**
 * Unpacking an image's layers into a directory, as a container runtime would, for the start-up check.
 */
package io.kimigayo.oci.unpack;
