/** The build cache shared through an OCI registry ({@link io.kimigayo.oci.cache.RegistryBuildCache}). */
package io.kimigayo.oci.cache;
