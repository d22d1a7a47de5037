/**
 * The file tree model every layer and archive is made from: paths, entries, content, and the import of a directory
 * (names as their UTF-8 bytes, whatever the locale).
 */
package io.kimigayo.rootfs.tree;
