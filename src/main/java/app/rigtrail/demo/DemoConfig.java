package app.rigtrail.demo;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo data (docs/operations.md, RIGTRAIL_DEMO_*): loaded only into a database without sites. */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.demo")
public interface DemoConfig {

    /** Machines of the demo fleet; 0 loads nothing. */
    @WithDefault("0")
    int miners();

    @WithDefault("7")
    int sites();

    @WithDefault("20251122")
    long seed();

    /** A history of this many customs holds. */
    @WithDefault("0")
    int holds();

    /** A repair history of about this many tickets. */
    @WithDefault("0")
    long tickets();

    /** Demo machine orders with deliveries, a customs hold and a capacity plan. */
    @WithDefault("false")
    boolean machineOrders();
}
