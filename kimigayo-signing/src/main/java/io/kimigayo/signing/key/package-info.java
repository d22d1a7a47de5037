/**
 * Keys in the formats cosign reads and writes: ECDSA P-256 key pairs, the private key in cosign's encrypted file
 * ({@code ENCRYPTED SIGSTORE PRIVATE KEY}: scrypt + NaCl secretbox over PKCS#8, as go-securesystemslib's
 * {@code encrypted} package writes it), the public key as PEM {@code PUBLIC KEY}, and the password that unlocks a key
 * ({@code KIMIGAYO_PASSWORD}, then {@code COSIGN_PASSWORD}).
 *
 * <p>Entry points: {@link io.kimigayo.signing.key.CosignKeyPair} (generate, write {@code kimigayo.key} and
 * {@code kimigayo.pub}), {@link io.kimigayo.signing.key.CosignKeys} (read and write single key files) and
 * {@link io.kimigayo.signing.key.KeyPassword}.
 */
package io.kimigayo.signing.key;
