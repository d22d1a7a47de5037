package io.kimigayo.oci.layer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip with a fixed header: no file name, no modification time (the JDK writes zero for both), a fixed
 * compression level, so equal input gives equal output on the same JDK.
 */
final class DeterministicGzipOutputStream extends GZIPOutputStream {

    DeterministicGzipOutputStream(OutputStream out) throws IOException {
        super(out, 64 * 1024);
        def.setLevel(Deflater.DEFAULT_COMPRESSION);
    }
}
