package io.kimigayo.maven;

import java.io.File;
import java.util.List;

/**
 * One {@code <layer>} of {@code pack-oci}'s {@code <layers>}: a directory of the project and where its contents go
 * in the image.
 */
public class LayerParameter {

    /** The directory whose contents make the layer. */
    File directory;

    /** Where the contents go in the image; default {@code /}. */
    String target = "/";

    /** Ant-style patterns of paths (relative to {@code directory}) to take; default everything. */
    List<String> includes;

    /** Ant-style patterns of paths to leave out. */
    List<String> excludes;

    /** Octal permission bits for every file, e.g. {@code 0644}; default 0755 for owner-executable files, else 0644. */
    String fileMode;

    /** Octal permission bits for every directory; default 0755. */
    String directoryMode;

    /** Numeric owner of every entry; default 0. */
    int uid;

    /** Numeric group of every entry; default 0. */
    int gid;
}
