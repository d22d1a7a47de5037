package io.kimigayo.rootfs.prebuilt;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The SHA-256 of each prebuilt Kimigayo OS artifact, as recorded in the plugin at its release: the trust anchor of
 * the prebuilt path. A downloaded artifact is used only when it has the recorded digest. The record is a properties
 * file: {@code version} (the version of {@code io.kimigayo:kimigayo-os} it describes) and, per variant and machine,
 * {@code <variant>-<arch>.tar.gz} and {@code <variant>-<arch>.json} (the rootfs and its rootfs.json).
 *
 * @param version the kimigayo-os version the digests are of
 * @param sha256  file key ({@code standard-x86_64.tar.gz}) to lower-case hex SHA-256
 */
public record RecordedDigests(String version, Map<String, String> sha256) {

    public static final String TAR_GZ = "tar.gz";
    public static final String JSON = "json";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public RecordedDigests {
        sha256 = java.util.Collections.unmodifiableMap(new TreeMap<>(sha256));
    }

    /** Reads the record; {@code source} names it in messages. */
    public static RecordedDigests read(InputStream in, String source) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        String version = p.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IOException(source + ": no version; the record of the prebuilt Kimigayo OS names the "
                    + "kimigayo-os version its digests are of");
        }
        Map<String, String> digests = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.equals("version")) {
                continue;
            }
            String value = p.getProperty(key).trim();
            if (!(key.endsWith("." + TAR_GZ) || key.endsWith("." + JSON)) || !HEX.matcher(value).matches()) {
                throw new IOException(source + ": " + key + "=" + value + " is not '<variant>-<arch>.tar.gz' or "
                        + "'.json' with a lower-case hex SHA-256");
            }
            digests.put(key, value);
        }
        return new RecordedDigests(version.trim(), digests);
    }

    /** The classifier of a variant's rootfs for a machine, {@code standard-x86_64}. */
    public static String classifier(String variant, String arch) {
        return variant + "-" + arch;
    }

    /** Whether both files of {@code classifier} are recorded. */
    public boolean has(String classifier) {
        return sha256.containsKey(classifier + "." + TAR_GZ) && sha256.containsKey(classifier + "." + JSON);
    }

    public Optional<String> of(String classifier, String extension) {
        return Optional.ofNullable(sha256.get(classifier + "." + extension));
    }

    /** The classifiers recorded, in order. */
    public java.util.List<String> classifiers() {
        return sha256.keySet().stream().filter(k -> k.endsWith("." + TAR_GZ))
                .map(k -> k.substring(0, k.length() - TAR_GZ.length() - 1)).filter(this::has).toList();
    }
}
