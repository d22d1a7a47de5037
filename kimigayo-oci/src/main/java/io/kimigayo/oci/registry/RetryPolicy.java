package io.kimigayo.oci.registry;

import java.time.Duration;

/**
 * How long to keep trying a registry request that fails for a reason that may pass: a reset or refused connection,
 * a timeout, a 5xx answer or 429. Waits grow from {@code firstDelay}, doubling up to {@code maxDelay}; after
 * {@code budget} has passed since the first attempt the request fails with the last error.
 *
 * @param budget     the longest time one request is retried
 * @param firstDelay the wait before the first retry
 * @param maxDelay   the longest wait between two attempts
 */
public record RetryPolicy(Duration budget, Duration firstDelay, Duration maxDelay) {

    /** Two minutes per request, waits from 200 ms up to 10 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMinutes(2), Duration.ofMillis(200),
            Duration.ofSeconds(10));

    public RetryPolicy {
        if (budget.isNegative() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("retry policy: budget and delays must be positive, maxDelay >= firstDelay");
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempts count from 1). */
    public Duration delay(int attempt) {
        long millis = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
