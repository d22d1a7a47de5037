package io.kimigayo.kernel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges fragments in order, as the kernel's {@code merge_config.sh} does: for each option the last fragment that
 * names it wins. Which request was overridden by which is kept, so the build can say so.
 */
public final class FragmentMerge {

    /** An option asked for twice with different values: the later request wins. */
    public record OptionOverride(ConfigRequest earlier, ConfigRequest later) {

        @Override
        public String toString() {
            return later.option() + " (" + later.where() + ") overrides " + earlier.option().value() + " ("
                    + earlier.where() + ")";
        }
    }

    private final Map<String, ConfigRequest> requests = new LinkedHashMap<>();
    private final List<OptionOverride> overrides = new ArrayList<>();

    public static FragmentMerge of(List<ConfigFragment> fragments) {
        FragmentMerge merge = new FragmentMerge();
        for (ConfigFragment fragment : fragments) {
            for (ConfigFragment.Entry entry : fragment.entries()) {
                ConfigRequest request = new ConfigRequest(entry.option(), fragment.name(), fragment.kind(),
                        entry.line());
                ConfigRequest earlier = merge.requests.remove(entry.option().name());
                if (earlier != null && !earlier.option().value().equals(entry.option().value())) {
                    merge.overrides.add(new OptionOverride(earlier, request));
                }
                merge.requests.put(entry.option().name(), request);
            }
        }
        return merge;
    }

    /** The winning request of every option, in the order the options were last asked for. */
    public List<ConfigRequest> requests() {
        return List.copyOf(requests.values());
    }

    /** The options whose value a later fragment changed. */
    public List<OptionOverride> overrides() {
        return List.copyOf(overrides);
    }

    /** The winning options, to apply on a base configuration. */
    public List<ConfigOption> options() {
        return requests.values().stream().map(ConfigRequest::option).toList();
    }
}
