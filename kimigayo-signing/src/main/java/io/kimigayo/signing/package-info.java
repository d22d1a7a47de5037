/**
 * Image signatures Kimigayo writes in the formats people already verify with: cosign's (ECDSA P-256 over a
 * simple-signing payload, stored as a {@code sha256-<hex>.sig} manifest) and containers/image's OpenPGP simple
 * signing (a lookaside directory). Keys in cosign's encrypted format.
 */
package io.kimigayo.signing;
