/**
 * The gates a root filesystem must pass: no package manager, and executables hardened as the policy asks.
 */
package io.kimigayo.rootfs.policy;
