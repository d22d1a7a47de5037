/**
 * Kernels for Kimigayo OS: {@link io.kimigayo.kernel.KernelBuilder} (the library behind {@code compile-kernel})
 * configures, builds and caches a kernel and writes its report.
 */
package io.kimigayo.kernel;
