/**
 * The prebuilt Kimigayo OS: when a released variant can stand in for compiling ({@link
 * io.kimigayo.rootfs.prebuilt.PrebuiltRootfs}), the digests the plugin trusts ({@link
 * io.kimigayo.rootfs.prebuilt.RecordedDigests}), how the artifacts are found ({@link
 * io.kimigayo.rootfs.prebuilt.PrebuiltResolver}) and published, and the check that a rebuild from source gives their
 * bytes ({@link io.kimigayo.rootfs.prebuilt.RebuildCheck}).
 */
package io.kimigayo.rootfs.prebuilt;
