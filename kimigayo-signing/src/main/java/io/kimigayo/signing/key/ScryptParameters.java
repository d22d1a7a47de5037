package io.kimigayo.signing.key;

/**
 * The cost parameters of scrypt in a cosign key file ({@code "params":{"N":..,"r":..,"p":..}}).
 *
 * <p>Kimigayo writes cosign's classic {@link #COSIGN} (N=32768, r=8, p=1) and reads what cosign and
 * go-securesystemslib write (for example N=65536 or N=131072), within {@linkplain #checkBounds bounds} that keep a
 * hostile key file from costing unbounded time or memory before the password is even checked.
 */
record ScryptParameters(long n, long r, long p) {

    /** What {@code cosign generate-key-pair} has long written (go-securesystemslib's "legacy" strength). */
    static final ScryptParameters COSIGN = new ScryptParameters(32768, 8, 1);

    static final long MAX_N = 1L << 20;
    static final long MAX_R = 32;
    static final long MAX_P = 16;
    /** scrypt needs 128·N·r bytes of memory. */
    static final long MAX_MEMORY_BYTES = 1L << 30;

    /**
     * Fails, naming {@code source}, when these parameters are not valid for scrypt or would cost more than Kimigayo
     * accepts: N a power of two from 2 to 2^20, r from 1 to 32, p from 1 to 16, and 128·N·r at most 1 GiB.
     */
    void checkBounds(String source) throws KeyFormatException {
        boolean valid = n >= 2 && (n & (n - 1)) == 0 && r >= 1 && p >= 1;
        boolean bounded = n <= MAX_N && r <= MAX_R && p <= MAX_P && 128 * n * r <= MAX_MEMORY_BYTES;
        if (!valid || !bounded) {
            throw new KeyFormatException(source, "scrypt parameters N=" + n + " r=" + r + " p=" + p + " are "
                    + (valid ? "out of the bounds Kimigayo accepts" : "not valid for scrypt")
                    + " (N a power of two from 2 to " + MAX_N + ", r from 1 to " + MAX_R + ", p from 1 to " + MAX_P
                    + ", and 128·N·r at most 1 GiB of memory); the bounds keep a key file from costing unbounded "
                    + "time or memory to open");
        }
    }
}
