package app.rigtrail.alerts;

import java.time.Duration;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The alerts' settings (RIGTRAIL_ALERTS_*), those of the features that raise them included: every
 * property under {@code rigtrail.alerts} is here, as the mapping requires.
 */
@StaticInitSafe
@ConfigMapping(prefix = "rigtrail.alerts")
public interface AlertsConfig {

    /** Deliveries claimed per round. */
    @WithDefault("20")
    int batch();

    /** How often each replica works through the outbox (a scheduler interval, read by AlertDeliveries' schedule). */
    @WithDefault("5s")
    String deliveryInterval();

    /** How many days before a dead-on-arrival window closes its alert is raised (repair/DoaWindowAlerts). */
    @WithDefault("3")
    int doaWarningDays();

    /** The period of the hold clock check (logistics/HoldAlertJob). */
    @WithDefault("PT15M")
    Duration holdCheckPeriod();

    /** How often each replica ticks for it (a scheduler interval, read by HoldAlertJob's schedule). */
    @WithDefault("1m")
    String holdCheckEvery();
}
