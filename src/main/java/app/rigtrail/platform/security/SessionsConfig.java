package app.rigtrail.platform.security;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sessions (RIGTRAIL_SESSIONS_*). */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.sessions")
public interface SessionsConfig {

    /** How long the end of a session is kept; longer than the provider's longest session. */
    @WithDefault("P2D")
    Duration endedKept();
}
