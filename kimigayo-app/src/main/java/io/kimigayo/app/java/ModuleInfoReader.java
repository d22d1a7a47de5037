package io.kimigayo.app.java;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.ByteBuffer;

/**
 * Reads a {@code module-info.class} of any release. {@link ModuleDescriptor#read} refuses class files newer than
 * the running JDK (a JDK 25 module read by Maven on JDK 17), although the {@code Module} attribute it reads has not
 * changed its layout since class file version 53 (Java 9). Such a file is read as version 53, which also accepts
 * what later releases allow and older readers refuse for newer versions ({@code requires transitive java.base},
 * which JDK 24's java.se has).
 */
public final class ModuleInfoReader {

    private static final int MAGIC = 0xCAFEBABE;
    /** The class file version of the first release with modules. */
    private static final int JAVA_9 = 53;

    private ModuleInfoReader() {
    }

    public static ModuleDescriptor read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    public static ModuleDescriptor read(byte[] bytes) {
        int supported = 44 + Runtime.version().feature();
        if (bytes.length >= 8 && ByteBuffer.wrap(bytes).getInt() == MAGIC) {
            int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
            if (major > supported) {
                byte[] copy = bytes.clone();
                copy[4] = 0;
                copy[5] = 0;
                copy[6] = 0;
                copy[7] = JAVA_9;
                return ModuleDescriptor.read(ByteBuffer.wrap(copy));
            }
        }
        return ModuleDescriptor.read(ByteBuffer.wrap(bytes));
    }
}
