package io.kimigayo.oci.digest;

import io.kimigayo.core.hash.Sha256;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes bytes through while computing their SHA-256 and counting them. */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest sha256 = Sha256.newDigest();
    private long count;
    private Digest digest;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        finishedCheck();
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        finishedCheck();
        int n = in.read(b, off, len);
        if (n > 0) {
            sha256.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * The digest of the bytes read so far; asked again, the same answer (MessageDigest.digest() resets, so a second
     * call would otherwise give the digest of nothing). Reading after it is an error.
     */
    public Digest digest() {
        if (digest == null) {
            digest = Digest.fromBytes(sha256.digest());
        }
        return digest;
    }

    private void finishedCheck() {
        if (digest != null) {
            throw new IllegalStateException("read after the digest was taken");
        }
    }

    public long count() {
        return count;
    }
}
