/**
 * The boot check: boots a kernel and an initramfs in QEMU (KVM when it works, else TCG) and waits for the ready
 * line on the console.
 */
package io.kimigayo.kernel.boot;
