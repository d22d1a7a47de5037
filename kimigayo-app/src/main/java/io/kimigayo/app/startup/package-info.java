/**
 * The start-up check: runs an image's entrypoint under chroot in namespaces of its own, as its user, and waits for
 * a ready line or an open port.
 */
package io.kimigayo.app.startup;
