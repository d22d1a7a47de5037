package io.kimigayo.maven;

/** The host's machine in Kimigayo's words: the default of every {@code arch} parameter. */
final class HostArch {

    private HostArch() {
    }

    static String id() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a;
        };
    }
}
