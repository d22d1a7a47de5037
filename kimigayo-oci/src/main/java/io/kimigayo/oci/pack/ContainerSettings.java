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
        entrypoint = entries(entrypoint, "entrypoint", "argument");
        cmd = entries(cmd, "cmd", "argument");
        ports = entries(ports, "ports", "port");
        environment = values(environment, "environment");
        labels = values(labels, "labels");
        annotations = values(annotations, "annotations");
    }

    /**
     * A copy of a list, refusing an empty entry ({@code <arg></arg>} or an argument of spaces reaches here as null)
     * with a message naming the setting and the entry's position.
     */
    private static List<String> entries(List<String> list, String setting, String kind) {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            String entry = list.get(i);
            if (entry == null || (!kind.equals("argument") && entry.isBlank())) {
                throw new IllegalArgumentException(setting + ": " + kind + " " + (i + 1) + " of " + list.size()
                        + " is empty; remove it, or give it a value");
            }
        }
        return List.copyOf(list);
    }

    /** A sorted copy of a map; a key must not be empty, an empty value is the empty string (never JSON null). */
    private static Map<String, String> values(Map<String, String> map, String setting) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException(setting + ": an entry has an empty name");
            }
            copy.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
