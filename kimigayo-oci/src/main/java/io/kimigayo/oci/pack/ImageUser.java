package io.kimigayo.oci.pack;

import io.kimigayo.oci.layer.Layer;
import io.kimigayo.rootfs.tree.FileTree;
import io.kimigayo.rootfs.tree.TreeEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Checks the {@code user} an image is given ({@code uid}, {@code uid:gid}, {@code name} or {@code name:group}) as a
 * container runtime will read it: numbers from 0 to 2^31-1, and names that the image's own {@code /etc/passwd} and
 * {@code /etc/group} hold. A runtime refuses an image whose user it cannot resolve only when it starts it; this
 * refuses it when it is built.
 */
final class ImageUser {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?");

    private ImageUser() {
    }

    /**
     * @param user      the user setting (null or blank: nothing to check)
     * @param added     the trees of the layers this build adds, lowest first
     * @param baseLayers the base image's layers, lowest first
     */
    static void check(String user, List<FileTree> added, List<Layer> baseLayers) throws IOException {
        if (user == null || user.isBlank()) {
            return;
        }
        String[] parts = user.split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("user '" + user + "' is not user[:group]: give a name or a number, "
                    + "optionally with a group, such as 65532:65532 or nonroot");
        }
        for (String part : parts) {
            boolean number = NUMBER.matcher(part).matches() && Long.parseLong(part) <= Integer.MAX_VALUE;
            if (!number && !NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("user '" + user + "': '" + part + "' is neither a number from 0 to "
                        + Integer.MAX_VALUE + " nor a user or group name");
            }
        }
        if (!NUMBER.matcher(parts[0]).matches()) {
            requireName(parts[0], "etc/passwd", user, added, baseLayers);
        }
        if (parts.length == 2 && !NUMBER.matcher(parts[1]).matches()) {
            requireName(parts[1], "etc/group", user, added, baseLayers);
        }
    }

    private static void requireName(String name, String file, String user, List<FileTree> added,
                                     List<Layer> baseLayers) throws IOException {
        Optional<String> text = read(file, added, baseLayers);
        boolean found = text.isPresent() && text.get().lines().anyMatch(l -> l.startsWith(name + ":"));
        if (!found) {
            throw new IllegalArgumentException("user '" + user + "': the image's /" + file + " has no '" + name
                    + "'" + (text.isEmpty() ? " (the image has no /" + file + ")" : "")
                    + "; give numbers (such as 65532:65532), or add the account to the image");
        }
    }

    /** The text of a file of the image: from the highest layer that has it. */
    private static Optional<String> read(String file, List<FileTree> added, List<Layer> baseLayers)
            throws IOException {
        for (int i = added.size() - 1; i >= 0; i--) {
            Optional<TreeEntry> entry = added.get(i).get("/" + file);
            if (entry.isPresent() && entry.get() instanceof TreeEntry.RegularFile f) {
                try (InputStream in = f.content().open()) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        for (int i = baseLayers.size() - 1; i >= 0; i--) {
            Optional<String> text = readFromLayer(baseLayers.get(i), file);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> readFromLayer(Layer layer, String file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(layer.blob()), 1 << 16);
             InputStream tar = layer.descriptor().mediaType().endsWith("gzip") ? new GZIPInputStream(raw, 1 << 16)
                     : raw;
             TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                String name = entry.getName();
                while (name.startsWith("./") || name.startsWith("/")) {
                    name = name.substring(name.startsWith("./") ? 2 : 1);
                }
                if (name.equals(file) && entry.isFile()) {
                    return Optional.of(new String(entries.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }
}
