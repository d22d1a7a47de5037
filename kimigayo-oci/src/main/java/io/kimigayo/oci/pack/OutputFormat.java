package io.kimigayo.oci.pack;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The forms an image is written in, and the fixed names they get in the output directory. */
public enum OutputFormat {
    /** An OCI image layout directory. */
    OCI_LAYOUT("oci-layout", "image"),
    /** The OCI layout packed as a tar. */
    OCI_ARCHIVE("oci-archive", "image.oci.tar"),
    /** The format of {@code docker save}, for {@code docker load} and {@code podman load}. */
    DOCKER_ARCHIVE("docker-archive", "image.tar");

    private final String id;
    private final String fileName;

    OutputFormat(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public String id() {
        return id;
    }

    /** The name of the output in the output directory. */
    public String fileName() {
        return fileName;
    }

    public static OutputFormat parse(String text) {
        String wanted = text.trim();
        return Arrays.stream(values())
                .filter(f -> f.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown output format '" + text + "'; choose from "
                        + Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", "))));
    }
}
