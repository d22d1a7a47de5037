/**
 * Image references ({@code [host[:port]/]path[:tag][@digest]}), read once by the grammar of docker/distribution's
 * {@code reference} package, for packing, pushing, pulling and signing alike.
 */
package io.kimigayo.oci.reference;
