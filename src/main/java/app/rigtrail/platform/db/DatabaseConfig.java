package app.rigtrail.platform.db;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The database's settings of the app (RIGTRAIL_DB_*; the connection itself is Quarkus' datasource). */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.db")
public interface DatabaseConfig {

    /** The app role a migration run that connects as the owner grants its privileges to (AppRoleGrants). */
    Optional<String> appRole();

    /** The Retry-After of the 503 a lost database answers (platform/web/DatabaseOutage). */
    @WithDefault("PT5S")
    Duration retryAfter();

    /** How often an instance that saw an outage checks whether it is over (a scheduler interval). */
    @WithDefault("3s")
    String outageProbe();
}
