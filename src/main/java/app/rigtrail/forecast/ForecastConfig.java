package app.rigtrail.forecast;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The forecast's settings (RIGTRAIL_FORECAST_*). */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.forecast")
public interface ForecastConfig {

    /** A background run whose replica has not beaten for this long is marked FAILED. */
    @WithDefault("PT30S")
    Duration runHeartbeatTimeout();
}
