package app.rigtrail.availability;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How far behind the database the dashboard may be, stated once: {@value #STALENESS} (default
 * {@value #DEFAULT}). Every dashboard request reads one {@link DashboardSnapshot} taken at most that
 * long before the request began, so a commit shows on every request that starts more than that after
 * it. 0 (the tests) takes a snapshot for every request. The clock is here too, so that a test can move
 * it (QuarkusMock) instead of sleeping. docs/dashboard.md and docs/architecture.md cite this.
 */
@ApplicationScoped
public class DashboardFreshness {

    /** The property that bounds the staleness of every dashboard figure. */
    public static final String STALENESS = "rigtrail.dashboard.staleness";
    /** Its default: no figure older than 5 seconds after a commit (#13 item 4). */
    public static final String DEFAULT = "PT5S";

    @Inject
    DashboardConfig config;

    /** The longest a snapshot may be used for after it was taken. */
    public Duration bound() {
        return config.staleness();
    }

    /**
     * Whether a background job takes the next snapshot before requests need it (so that they do not
     * wait for it): whenever the bound is not 0.
     */
    public boolean inBackground() {
        return !bound().isZero();
    }

    /** Monotonic time, for ages. */
    public long nanos() {
        return System.nanoTime();
    }

    /** Wall-clock time, for the moment a snapshot shows. */
    public Instant now() {
        return Instant.now();
    }
}
