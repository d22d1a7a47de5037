package io.kimigayo.app;

import io.kimigayo.app.java.MainClassResolver;
import io.kimigayo.app.java.ModuleScanner;
import io.kimigayo.app.java.NativeLibrary;
import io.kimigayo.app.spring.SpringBootPackaging;
import io.kimigayo.app.startup.StartupResult;
import io.kimigayo.oci.pack.PackResult;
import io.kimigayo.oci.registry.PushResult;
import io.kimigayo.rootfs.RootfsResult;
import io.kimigayo.signing.SignResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What an application image build produced.
 *
 * @param rootfs          the base Kimigayo OS (of the first platform)
 * @param image           the packed image
 * @param javaVersion     the runtime's Java version (of the first platform)
 * @param modules         the runtime's modules
 * @param moduleScan      what the module scan found (its rules and unreadable jars), or null when the modules were
 *                        given
 * @param cds             whether the runtime holds a class data sharing archive (of the first platform)
 * @param nativeLibraries the libraries added for the runtime (of the first platform; empty for a musl-linked JDK)
 * @param mainClass       the main class the entrypoint runs, and the rule that chose it
 * @param module          the application's module when it starts as one, else null
 * @param leftOut         dependencies left out of the image, with the reason
 * @param startup         how the startup check went, or null when it was not asked for
 * @param signature       the signature, or null when the image was not signed
 * @param push            what was pushed, or null when nothing was
 * @param rootfsAll       the base Kimigayo OS of each platform, in the order of the platforms
 * @param runtimes        the Java runtime of each platform, in the order of the platforms
 * @param warnings        what the user should know: dependencies with native code for only some machines
 */
public record ApplicationResult(RootfsResult rootfs, PackResult image, String javaVersion, List<String> modules,
                                ModuleScanner.Result moduleScan, boolean cds, List<NativeLibrary> nativeLibraries,
                                MainClassResolver.MainClass mainClass, String module,
                                List<SpringBootPackaging.LeftOut> leftOut, StartupResult startup,
                                SignResult signature, PushResult push, List<RootfsResult> rootfsAll,
                                List<Runtime> runtimes, List<String> warnings) {

    /**
     * The Java runtime of one platform.
     *
     * @param arch            its machine ({@code aarch64})
     * @param jdk             the JDK whose jmods it was linked from
     * @param javaVersion     its Java version
     * @param cds             whether it holds a class data sharing archive
     * @param nativeLibraries the libraries added for it
     * @param sysroot         where those libraries were taken from ({@code /}: the build machine)
     */
    public record Runtime(String arch, Path jdk, String javaVersion, boolean cds, List<NativeLibrary> nativeLibraries,
                          Path sysroot) {
    }
}
