/**
 * Compiling a kernel with Kbuild: the architectures, the tools a build needs, and {@code make} with progress lines.
 */
package io.kimigayo.kernel.build;
