package io.kimigayo.app.startup;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a startup check went.
 *
 * @param ran     whether the application was run (false: this machine cannot run it, see {@code summary})
 * @param summary what happened, for the build log: what showed the start, or why the check could not run
 * @param elapsed from the start of the process to the sign of a start
 * @param log     the application's full output
 */
public record StartupResult(boolean ran, String summary, Duration elapsed, Path log) {
}
