/**
 * containers/image "simple signing" with OpenPGP: the atomic container signature payload
 * ({@link io.kimigayo.signing.openpgp.AtomicSignaturePayload}), signed as an OpenPGP message with a key exported by
 * gpg ({@link io.kimigayo.signing.openpgp.OpenPgpSigner}), stored in a lookaside directory
 * ({@link io.kimigayo.signing.openpgp.LookasideStore}) that skopeo, podman and CRI-O read through registries.d
 * ({@link io.kimigayo.signing.openpgp.RegistriesD}) and check with a {@code signedBy} policy
 * ({@link io.kimigayo.signing.openpgp.SignedByPolicy}). {@link io.kimigayo.signing.openpgp.OpenPgpImageSigner} does
 * the three steps in one call.
 */
package io.kimigayo.signing.openpgp;
