/**
 * The exception of a build that a policy refuses (a package manager in the image, an executable without the
 * required hardening).
 */
package io.kimigayo.core.policy;
