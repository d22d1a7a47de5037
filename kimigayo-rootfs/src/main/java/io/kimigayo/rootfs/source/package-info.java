/**
 * Source archives pinned by SHA-256: fetched from the cache, a mirror or upstream, checked before use, and unpacked
 * safely.
 */
package io.kimigayo.rootfs.source;
