package app.rigtrail.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job's transaction may take its period, bounded below by the default transaction timeout and above
 * by 15 minutes (issue #13 item 4: the hold check's first pass over a large import took 110 s and was
 * cancelled at 60 s on every tick).
 */
class JobTransactionTimeoutTest {

    @Test
    void aJobMayTakeItsPeriodWithinTheBounds() {
        assertEquals(60, ClusterJobs.timeoutSeconds(Duration.ofSeconds(20)), "a short period keeps the default 60 s");
        assertEquals(60, ClusterJobs.timeoutSeconds(Duration.ZERO));
        assertEquals(300, ClusterJobs.timeoutSeconds(Duration.ofMinutes(5)));
        assertEquals(900, ClusterJobs.timeoutSeconds(Duration.ofMinutes(15)), "the hold check's period");
        assertEquals(900, ClusterJobs.timeoutSeconds(Duration.ofDays(1)), "a daily job is cut at 15 minutes");
    }
}
