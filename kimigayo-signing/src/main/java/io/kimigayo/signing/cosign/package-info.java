/**
 * Cosign signatures: the simple-signing payload, deterministic ECDSA P-256 signatures, signature manifests in a
 * layout, and their verification.
 */
package io.kimigayo.signing.cosign;
