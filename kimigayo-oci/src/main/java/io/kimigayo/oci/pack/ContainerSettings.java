package io.kimigayo.oci.pack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the image sets for the containers that run it. A {@code null} or empty value keeps what the base image
 * says; setting an entrypoint drops the base's command, as Docker does.
 *
 * @param entrypoint       the program and its first arguments
 * @param cmd              default arguments
 * @param environment      variables added to (or replacing) the base's
 * @param workingDirectory the working directory
 * @param user             user (and group) to run as, by name or number
 * @param ports            exposed ports, {@code 8080} or {@code 8080/tcp} or {@code 53/udp}
 * @param labels           config labels, merged over the base's
 * @param annotations      manifest annotations
 */
public record ContainerSettings(List<String> entrypoint, List<String> cmd, Map<String, String> environment,
                                String workingDirectory, String user, List<String> ports,
                                Map<String, String> labels, Map<String, String> annotations) {

    public static final ContainerSettings NONE = new ContainerSettings(null, null, null, null, null, null, null,
            null);

    public ContainerSettings {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        environment = environment == null ? Map.of() : new TreeMap<>(environment);
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
        annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
    }
}
