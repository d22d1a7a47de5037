package io.kimigayo.oci.pack;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.layer.Layer;
import io.kimigayo.oci.model.ImageConfig;
import io.kimigayo.oci.model.Platform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Composes a new image's config from its base's config, the container settings and the added layers. */
final class ConfigComposer {

    private static final Pattern PORT = Pattern.compile("(\\d{1,5})(?:/(tcp|udp|sctp))?");

    /** A layer added by this build and what the history says about it. */
    record AddedLayer(Layer layer, String createdBy) {
    }

    ImageConfig compose(ImageConfig base, ContainerSettings settings, List<AddedLayer> added, Platform platform,
                        Instant created) {
        ImageConfig.RuntimeConfig b = base == null ? ImageConfig.RuntimeConfig.EMPTY : base.config();
        boolean newEntrypoint = !settings.entrypoint().isEmpty();
        List<String> entrypoint = newEntrypoint ? settings.entrypoint() : b.entrypoint();
        List<String> cmd = !settings.cmd().isEmpty() ? settings.cmd() : newEntrypoint ? null : b.cmd();
        Map<String, Map<String, Object>> ports = new TreeMap<>(b.exposedPorts());
        settings.ports().forEach(p -> ports.put(normalisePort(p), Map.of()));
        Map<String, String> labels = new TreeMap<>(b.labels());
        labels.putAll(settings.labels());
        ImageConfig.RuntimeConfig runtime = new ImageConfig.RuntimeConfig(
                settings.user() != null && !settings.user().isBlank() ? settings.user() : b.user(),
                ports,
                mergeEnvironment(b.env(), settings.environment()),
                entrypoint,
                cmd,
                b.volumes(),
                settings.workingDirectory() != null && !settings.workingDirectory().isBlank()
                        ? settings.workingDirectory() : b.workingDir(),
                labels,
                b.stopSignal());

        String timestamp = created.toString();
        List<Digest> diffIds = new ArrayList<>(base == null ? List.of() : base.rootfs().diffIds());
        List<ImageConfig.History> history = new ArrayList<>(base == null ? List.of() : base.history());
        for (AddedLayer a : added) {
            diffIds.add(a.layer().diffId());
            history.add(ImageConfig.History.of(timestamp, a.createdBy()));
        }
        return new ImageConfig(timestamp, base == null ? null : base.author(), platform.architecture(),
                platform.os(), platform.variant(), runtime, new ImageConfig.RootFs("layers", diffIds), history);
    }

    /** The base's variables in their order, each replaced where the settings set it; new ones follow, sorted. */
    static List<String> mergeEnvironment(List<String> base, Map<String, String> settings) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (String entry : base) {
            int eq = entry.indexOf('=');
            merged.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        settings.forEach((k, v) -> {
            if (k.isEmpty() || k.contains("=")) {
                throw new IllegalArgumentException("environment variable name '" + k + "' must be non-empty and "
                        + "hold no '='");
            }
            merged.put(k, v == null ? "" : v);
        });
        return merged.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    static String normalisePort(String port) {
        var m = PORT.matcher(port.trim());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
            throw new IllegalArgumentException("port '" + port + "': write a number from 1 to 65535, optionally "
                    + "with /tcp, /udp or /sctp (e.g. 8080 or 53/udp)");
        }
        return m.group(1) + "/" + (m.group(2) == null ? "tcp" : m.group(2));
    }
}
