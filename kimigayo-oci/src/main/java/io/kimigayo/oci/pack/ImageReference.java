package io.kimigayo.oci.pack;

import java.util.regex.Pattern;

/**
 * An image name with a tag, {@code [registry/]path[:tag]}, such as {@code example/hello:1.0}.
 *
 * @param repository everything before the tag
 * @param tag        the tag; {@code latest} when none was given
 */
public record ImageReference(String repository, String tag) {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ImageReference {
        checkTag(tag, repository + ":" + tag);
    }

    /** Parses {@code name[:tag]}; the message of a bad name says what is allowed. */
    public static ImageReference parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.lastIndexOf('/');
        int colon = trimmed.lastIndexOf(':');
        String repository = colon > slash ? trimmed.substring(0, colon) : trimmed;
        String tag = colon > slash ? trimmed.substring(colon + 1) : "latest";
        String[] parts = repository.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean registry = i == 0 && parts.length > 1
                    && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
            if (!(registry ? REGISTRY : COMPONENT).matcher(parts[i]).matches()) {
                throw new IllegalArgumentException("image name '" + text + "': '" + parts[i] + "' is not a valid "
                        + "name component (lower-case letters, digits and single . _ - separators, e.g. "
                        + "example/hello:1.0)");
            }
        }
        return new ImageReference(repository, tag);
    }

    static void checkTag(String tag, String context) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("tag '" + tag + "' in " + context + " is not valid: up to 128 "
                    + "letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }
    }

    public ImageReference withTag(String other) {
        return new ImageReference(repository, other);
    }

    @Override
    public String toString() {
        return repository + ":" + tag;
    }
}
