package app.rigtrail.alerts.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: 30 s after the first failure, then twice as long each time
 * (1, 2, 4 ... minutes), at most an hour apart, and no more after 10 attempts (about 9 hours in
 * all), when the delivery is given up and shown as failed. A receiver that answers 410 Gone or 4xx
 * other than 408 and 429 will not change its mind: no retry.
 */
public final class RetrySchedule {

    public static final int MAX_ATTEMPTS = 10;
    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration LONGEST = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** The wait before the next attempt after {@code attempts} failed ones; empty: give up. */
    public static Optional<Duration> next(int attempts, Integer statusCode) {
        if (attempts >= MAX_ATTEMPTS || (statusCode != null && !retryable(statusCode))) {
            return Optional.empty();
        }
        long seconds = FIRST.toSeconds() << Math.min(20, Math.max(0, attempts - 1));
        return Optional.of(Duration.ofSeconds(Math.min(seconds, LONGEST.toSeconds())));
    }

    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429 || status < 400;
    }
}
