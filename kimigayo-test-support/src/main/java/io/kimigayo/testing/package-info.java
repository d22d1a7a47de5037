/**
 * Test-only harness: the real tools the tests use as judges ({@link io.kimigayo.testing.ExternalTool}), a real
 * registry ({@link io.kimigayo.testing.LocalRegistry}) and test code in a JVM of its own
 * ({@link io.kimigayo.testing.ChildJvm}).
 */
package io.kimigayo.testing;
