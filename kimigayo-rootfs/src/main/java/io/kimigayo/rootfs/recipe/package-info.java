/**
 * Recipes for the userland: musl and BusyBox built from pinned sources, cached by a key of every input.
 */
package io.kimigayo.rootfs.recipe;
