package io.kimigayo.oci.layout;

import java.io.IOException;

/** A layer entry that would write outside the root filesystem: {@code ..}, an absolute path, or a path through a link. */
public final class UnsafeEntryException extends IOException {

    public UnsafeEntryException(String message) {
        super(message);
    }
}
