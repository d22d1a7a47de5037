package io.kimigayo.rootfs.assemble;

import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code services} of a rootfs: each entry {@code name} or {@code name:runlevel} links the OpenRC service
 * {@code /etc/init.d/<name>} (added by the user's files or layers, or one OpenRC ships) into
 * {@code /etc/runlevels/<runlevel>/} ({@code default} when not given), as {@code rc-update add} would.
 */
public final class ServiceLinks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

    /** One entry: the service and its runlevel. */
    public record Service(String name, String runlevel) {
    }

    private ServiceLinks() {
    }

    /**
     * Parses the entries.
     *
     * @throws IllegalArgumentException naming the entry and the fix, for an empty or malformed one
     */
    public static List<Service> parse(List<String> entries) {
        List<Service> services = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw == null ? "" : raw.trim();
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon).trim();
            String runlevel = colon < 0 ? "default" : entry.substring(colon + 1).trim();
            if (!NAME.matcher(name).matches() || !NAME.matcher(runlevel).matches()) {
                throw new IllegalArgumentException("services: '" + raw + "' is not a service; write <name> or "
                        + "<name>:<runlevel>, for example myapp or myapp:boot (names of letters, digits, '.', '_', "
                        + "'-' and '@')");
            }
            services.add(new Service(name, runlevel));
        }
        return List.copyOf(services);
    }

    /**
     * Adds the runlevel links to {@code tree}.
     *
     * @throws IllegalArgumentException when the rootfs has no OpenRC, the service script is missing or not
     *                                  executable, or the runlevel does not exist
     */
    static void apply(FileTree tree, List<Service> services, boolean openrc) {
        if (services.isEmpty()) {
            return;
        }
        if (!openrc) {
            throw new IllegalArgumentException("services " + services.stream().map(Service::name).toList()
                    + ": this variant has no OpenRC (minimal); build the standard variant, or remove services");
        }
        for (Service s : services) {
            String script = "/etc/init.d/" + s.name();
            Optional<TreeEntry> entry = tree.get(script);
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("services: " + script + " does not exist; add the service script "
                        + "with files or layers (for example a file with target " + script + ")");
            }
            if (!OpenrcLayout.isExecutableFile(entry.get())) {
                throw new IllegalArgumentException("services: " + script + " is not an executable file; give it "
                        + "mode 0755 (the file's mode, or the mode of its files entry)");
            }
            String level = "/etc/runlevels/" + s.runlevel();
            if (!(tree.get(level).orElse(null) instanceof TreeEntry.Directory)) {
                throw new IllegalArgumentException("services: the runlevel '" + s.runlevel() + "' of '" + s.name()
                        + "' does not exist; the runlevels are " + runlevels(tree) + " (add a directory "
                        + level + " with files to make another)");
            }
            tree.addSymlink(level + "/" + s.name(), script, 0, 0);
        }
    }

    private static List<String> runlevels(FileTree tree) {
        return tree.paths().stream().map(Object::toString)
                .filter(p -> p.startsWith("/etc/runlevels/") && p.indexOf('/', "/etc/runlevels/".length()) < 0)
                .filter(p -> tree.get(p).orElse(null) instanceof TreeEntry.Directory)
                .map(p -> p.substring("/etc/runlevels/".length())).sorted().toList();
    }
}
