/**
 * Kernel sources: an archive checked by its SHA-256 and unpacked once into the build cache, or a directory hashed
 * by its content.
 */
package io.kimigayo.kernel.source;
