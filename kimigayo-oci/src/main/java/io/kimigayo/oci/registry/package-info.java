/**
 * The OCI distribution API: pulling bases, pushing images (only missing blobs; mounts; chunked uploads that survive
 * a registry restart), credentials and where they may go, and token authentication.
 */
package io.kimigayo.oci.registry;
