package io.kimigayo.oci.layout;

import io.kimigayo.oci.digest.Digest;
import io.kimigayo.oci.model.Descriptor;

import java.io.IOException;

/** A blob's bytes do not match the descriptor that refers to it. */
public class CorruptBlobException extends IOException {

    private final Digest expected;
    private final Digest actual;
    private final long actualSize;

    public CorruptBlobException(String origin, Descriptor expected, Digest actual, long actualSize) {
        super(origin + ": blob " + expected.digest() + " is corrupt: its content hashes to " + actual + " ("
                + actualSize + " bytes) where the image's descriptor says " + expected.digest() + " ("
                + expected.size() + " bytes). The image was damaged after it was written; rebuild it or copy it "
                + "again from its source");
        this.expected = expected.digest();
        this.actual = actual;
        this.actualSize = actualSize;
    }

    /** What the blob's bytes hash to. */
    public Digest actual() {
        return actual;
    }

    /** How many bytes the blob has. */
    public long actualSize() {
        return actualSize;
    }

    /** The digest the image expects for the blob. */
    public Digest expected() {
        return expected;
    }
}
