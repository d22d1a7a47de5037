package io.kimigayo.signing.openpgp;

import io.kimigayo.testing.ExternalTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A throw-away gpg home in which the tests make keys with the real gpg and export them as users do. */
final class GpgKeyring implements AutoCloseable {

    private final ExternalTool gpg = ExternalTool.require("gpg", "gnupg");
    private final Path home;

    GpgKeyring(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    Map<String, String> environment() {
        return Map.of("GNUPGHOME", home.toString());
    }

    /**
     * {@code gpg --quick-gen-key uid algorithm usage never}; returns the new key's fingerprint.
     *
     * @param passphrase {@code ""} for an unprotected key
     */
    String generate(String uid, String algorithm, String usage, String passphrase) throws IOException {
        gpg(passphrase, "--quick-gen-key", uid, algorithm, usage, "never");
        return fingerprints(uid).get(0);
    }

    /** {@code gpg --quick-add-key fpr algorithm usage never}; returns the new subkey's fingerprint. */
    String addSubkey(String primaryFingerprint, String algorithm, String usage, String passphrase) throws IOException {
        List<String> before = fingerprints(primaryFingerprint);
        gpg(passphrase, "--quick-add-key", primaryFingerprint, algorithm, usage, "never");
        List<String> after = new ArrayList<>(fingerprints(primaryFingerprint));
        after.removeAll(before);
        return after.get(0);
    }

    /** The fingerprints of a key, primary first, then its subkeys. */
    List<String> fingerprints(String selector) throws IOException {
        String listing = gpg("", "--with-colons", "--list-keys", selector).stdout();
        List<String> fingerprints = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (line.startsWith("fpr:")) {
                fingerprints.add(line.split(":")[9]);
            }
        }
        return fingerprints;
    }

    /** {@code gpg --export --armor selector > file}: the public key, for policy.json's keyPath. */
    Path exportPublic(String selector, Path file) throws IOException {
        gpg("", "--armor", "--output", file.toString(), "--export", selector);
        return file;
    }

    /** {@code gpg --export-secret-keys [--armor] selector > file}, as a user exports a key for Kimigayo. */
    Path exportSecret(String selector, Path file, boolean armor, String passphrase) throws IOException {
        List<String> args = new ArrayList<>();
        if (armor) {
            args.add("--armor");
        }
        args.addAll(List.of("--output", file.toString(), "--export-secret-keys", selector));
        gpg(passphrase, args.toArray(String[]::new));
        return file;
    }

    /** {@code gpg --decrypt file}: the payload of a signed message (verified against this keyring). */
    byte[] decrypt(Path signedMessage) throws IOException {
        Path out = Files.createTempFile(home, "decrypted-", ".out");
        try {
            gpg("", "--output", out.toString(), "--decrypt", signedMessage.toString());
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private ExternalTool.Result gpg(String passphrase, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("--batch", "--yes", "--pinentry-mode", "loopback",
                "--passphrase", passphrase));
        command.addAll(List.of(args));
        return gpg.run(environment(), command.toArray(String[]::new)).requireSuccess();
    }

    /** Stops the gpg-agent this home started. */
    @Override
    public void close() throws IOException {
        ExternalTool.require("gpgconf", "gnupg").run(environment(), "--kill", "all");
    }
}
