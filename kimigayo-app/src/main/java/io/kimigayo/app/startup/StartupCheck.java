package io.kimigayo.app.startup;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How to check at build time that an image's application starts: what counts as started, and how long to wait.
 *
 * @param readyLine a pattern (found anywhere in a line of output) that means the application has started, or null
 * @param readyPort a TCP port that the application listens on once started, or 0
 * @param runFor    with neither a line nor a port: how long the application must run without a failure sign when
 *                  it listens on no port and does not end by itself
 * @param timeout   how long to wait at most for the line or port (or, without them, for a listening port)
 */
public record StartupCheck(Pattern readyLine, int readyPort, Duration runFor, Duration timeout) {

    /** The default of {@link #runFor}. */
    public static final Duration DEFAULT_RUN_FOR = Duration.ofSeconds(10);
    /** The default of {@link #timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public StartupCheck {
        if (readyPort < 0 || readyPort > 65535) {
            throw new IllegalArgumentException("startup check port " + readyPort + " is not a TCP port (1-65535)");
        }
        runFor = runFor == null ? DEFAULT_RUN_FOR : runFor;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (runFor.isNegative() || runFor.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startup check times must be positive (run for " + runFor
                    + ", timeout " + timeout + ")");
        }
    }

    /** The defaults: started when it listens on any port, ends cleanly, or runs for 10 s without a failure sign. */
    public static StartupCheck defaults() {
        return new StartupCheck(null, 0, null, null);
    }

    /** Reads a ready-line setting: a regular expression, refused with its error when it does not compile. */
    public static Pattern line(String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("startup check line '" + regex + "' is not a regular expression: "
                    + e.getDescription());
        }
    }
}
