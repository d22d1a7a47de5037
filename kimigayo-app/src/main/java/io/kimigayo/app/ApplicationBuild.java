package io.kimigayo.app;

import io.kimigayo.app.uptodate.UpToDateCheck;

/**
 * What {@link ApplicationImageBuilder#buildIfChanged} did: built the image, or found the last build's outputs up to
 * date and stopped.
 *
 * @param result   what the build produced, or null when it stopped as up to date
 * @param upToDate the last build's image, or null when it built
 * @param why      why it built (what changed, or why its inputs are not checked), or null when up to date
 */
public record ApplicationBuild(ApplicationResult result, UpToDateCheck.UpToDate upToDate, String why) {

    /** Whether the build stopped because nothing it reads had changed. */
    public boolean skipped() {
        return upToDate != null;
    }
}
