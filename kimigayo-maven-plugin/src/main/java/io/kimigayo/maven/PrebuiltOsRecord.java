package io.kimigayo.maven;

import io.kimigayo.rootfs.prebuilt.RecordedDigests;

import java.io.IOException;
import java.io.InputStream;

/**
 * The digests of the prebuilt Kimigayo OS recorded in this plugin at its release ({@value #RESOURCE}, written by
 * {@code dev/record-prebuilt} from the kimigayo-os build and checked by that build).
 */
final class PrebuiltOsRecord {

    static final String RESOURCE = "/io/kimigayo/maven/prebuilt-os.properties";

    private PrebuiltOsRecord() {
    }

    static RecordedDigests load() throws IOException {
        try (InputStream in = PrebuiltOsRecord.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the plugin has no " + RESOURCE + "; it was built without the record of its "
                        + "prebuilt Kimigayo OS");
            }
            return RecordedDigests.read(in, "the plugin's " + RESOURCE);
        }
    }
}
