package io.kimigayo.rootfs.prebuilt;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the files of the prebuilt Kimigayo OS ({@code io.kimigayo:kimigayo-os:<version>}): the Maven plugin
 * resolves them through Maven's repositories, with its cache and checksums; tests may read a directory.
 */
public interface PrebuiltResolver {

    /**
     * The local file of the artifact with {@code classifier} (for example {@code standard-x86_64}) and
     * {@code extension} ({@code tar.gz} or {@code json}).
     *
     * @throws IOException with the reason, when it cannot be had (offline and not in the local repository, not
     *                     deployed to any repository, a repository that cannot be reached)
     */
    Path resolve(String classifier, String extension) throws IOException;

    /** How a user names the artifact, {@code io.kimigayo:kimigayo-os:0.1.0:tar.gz:standard-x86_64}. */
    String coordinates(String classifier, String extension);
}
