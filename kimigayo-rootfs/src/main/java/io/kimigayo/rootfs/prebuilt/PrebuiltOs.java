package io.kimigayo.rootfs.prebuilt;

/**
 * Where a build finds the prebuilt Kimigayo OS, and whether it may use it.
 *
 * @param resolver   finds the artifacts (through Maven, in the plugin)
 * @param recorded   the digests recorded in the plugin: only artifacts with these are used
 * @param fromSource compile the OS even when a prebuilt one would do
 */
public record PrebuiltOs(PrebuiltResolver resolver, RecordedDigests recorded, boolean fromSource) {

    /** Compile from source, with no prebuilt OS to look for. */
    public static PrebuiltOs none() {
        return new PrebuiltOs(null, null, true);
    }
}
