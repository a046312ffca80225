package app.rigtrail.platform.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The warm-up before readiness (RIGTRAIL_WARM_UP_*). */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.warm-up")
public interface WarmUpConfig {

    /** false skips the warm-up (readiness then does not wait for it); the migration-only run sets it. */
    @WithDefault("true")
    boolean enabled();

    /** How long the dashboard's warm-up waits for another replica closing availability days. */
    @WithDefault("PT5M")
    Duration timeout();
}
