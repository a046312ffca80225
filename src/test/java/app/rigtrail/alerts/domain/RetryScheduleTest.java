package app.rigtrail.alerts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void waitsDoubleFromThirtySecondsToAnHourThenGiveUpAfterTenAttempts() {
        long[] expected = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600};
        long total = 0;
        for (int attempts = 1; attempts <= 9; attempts++) {
            Duration d = RetrySchedule.next(attempts, 503).orElseThrow();
            assertEquals(expected[attempts - 1], d.toSeconds(), "after attempt " + attempts);
            total += d.toSeconds();
        }
        assertEquals(Optional.empty(), RetrySchedule.next(10, 503));
        assertEquals(11_010, total, "about three hours of waiting over ten attempts");
    }

    @Test
    void aReceiverThatRefusesForGoodIsNotAskedAgain() {
        assertEquals(Optional.empty(), RetrySchedule.next(1, 410));
        assertEquals(Optional.empty(), RetrySchedule.next(1, 400));
        assertEquals(Optional.empty(), RetrySchedule.next(1, 401));
        assertEquals(Duration.ofSeconds(30), RetrySchedule.next(1, 429).orElseThrow());
        assertEquals(Duration.ofSeconds(30), RetrySchedule.next(1, 408).orElseThrow());
        assertEquals(Duration.ofSeconds(30), RetrySchedule.next(1, null).orElseThrow(), "no answer at all: retry");
    }
}
