package io.kimigayo.oci.digest;

import io.kimigayo.core.hash.Sha256;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Passes bytes through while computing their SHA-256 and counting them. */
public final class DigestingOutputStream extends FilterOutputStream {

    private final MessageDigest sha256 = Sha256.newDigest();
    private long count;
    private Digest digest;

    public DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        count += len;
    }

    /** The digest of everything written so far; call once, after the last write. */
    /** The digest of the bytes written so far; asked again, the same answer (MessageDigest.digest() resets). */
    public Digest digest() {
        if (digest == null) {
            digest = Digest.fromBytes(sha256.digest());
        }
        return digest;
    }

    public long count() {
        return count;
    }
}
