package io.kimigayo.app;

import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.signing.SignResult;

import java.util.List;

/**
 * What an application image build produced.
 *
 * @param rootfs           the base Kimigayo OS
 * @param image            the packed image
 * @param javaVersion      the runtime's Java version
 * @param modules          the runtime's modules
 * @param nativeLibraries  the libraries added for the runtime (empty for a musl-linked JDK)
 * @param mainClass        the main class the entrypoint runs
 * @param signature        the signature, or null when the image was not signed
 * @param push             what was pushed, or null when nothing was
 */
public record ApplicationResult(RootfsResult rootfs, PackResult image, String javaVersion, List<String> modules,
                                List<NativeLibrary> nativeLibraries, String mainClass, SignResult signature,
                                PushResult push) {
}
