package io.kimigayo.rootfs;

import io.kimigayo.rootfs.nativebuild.TargetArch;

import java.nio.file.Path;

/**
 * Where a machine's rootfs lives in an output directory ({@code target/kimigayo}): build-rootfs writes it there and
 * pack-oci's {@code from=rootfs} reads it from there, so both ask this class.
 * <ul>
 *   <li>A build for one machine (the default, or one platform) uses {@code rootfs/}, as it always has.</li>
 *   <li>A build for several machines at once gives each its own {@code rootfs/<arch>/} ({@code x86_64},
 *       {@code aarch64}: the names of {@code rootfs.json} and of {@code kernel/<arch>/}).</li>
 * </ul>
 * Which of the two a reader uses depends only on how many machines its own build is for, never on what happens to
 * be on disk, so a leftover of an earlier build of another shape is never picked up.
 */
public final class RootfsDirectory {

    /** The directory of the rootfs outputs in the output directory. */
    public static final String NAME = "rootfs";

    private RootfsDirectory() {
    }

    /**
     * @param outputDirectory the output directory ({@code target/kimigayo})
     * @param arch            the machine, in any of the names {@link TargetArch#parse} accepts
     * @param severalMachines whether the build is for more than one machine
     */
    public static Path of(Path outputDirectory, String arch, boolean severalMachines) {
        Path rootfs = outputDirectory.resolve(NAME);
        return severalMachines ? rootfs.resolve(TargetArch.parse(arch).id()) : rootfs;
    }
}
