/**
 * SHA-256, the one hash of Kimigayo.
 */
package io.kimigayo.core.hash;
