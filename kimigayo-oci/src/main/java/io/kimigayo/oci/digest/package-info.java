/**
 * Content digests ({@code sha256:<hex>}) and streams that compute them as bytes pass.
 */
package io.kimigayo.oci.digest;
