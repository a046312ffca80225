package app.rigtrail.availability;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's settings (RIGTRAIL_DASHBOARD_*): every property under {@code rigtrail.dashboard}. */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.dashboard")
public interface DashboardConfig {

    /**
     * How far behind the database any dashboard figure may be (DashboardFreshness); 0 takes a snapshot
     * for every request (the tests).
     */
    @WithDefault(DashboardFreshness.DEFAULT)
    Duration staleness();

    /** false turns the memo off, only to measure what the computations cost without it (DashboardMemo). */
    @WithDefault("true")
    boolean memo();
}
