package app.rigtrail.platform.runtime;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Readiness that means warm: after start, the work that would otherwise land on the first
 * requests is done before the instance says ready: the steps the features give ({@link WarmUpSteps};
 * the dashboard's, availability/DashboardWarmUp: finished days closed into availability_day, the
 * completed repairs read into memory, the backlog copy read once). A step that fails is logged and the
 * next is tried: the database check says whether the database is there.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    @Inject
    jakarta.enterprise.inject.Instance<WarmUpSteps> features;

    @Inject
    WarmUpConfig config;

    private volatile String stage = "starting";
    private volatile long warmMillis = -1;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            warmMillis = 0;
            return;
        }
        Thread t = new Thread(this::warm, "warm-up");
        t.setDaemon(true);
        t.start();
    }

    void warm() {
        long t0 = System.nanoTime();
        StringBuilder done = new StringBuilder();
        for (WarmUpSteps f : features) {
            for (WarmUpSteps.Step st : f.steps()) {
                step(st.name(), st.work());
                done.append(done.length() == 0 ? "" : "; ").append(st.name());
            }
        }
        warmMillis = (System.nanoTime() - t0) / 1_000_000;
        stage = "warm";
        LOG.infof("Warm after %d ms (%s); ready", warmMillis, done);
    }

    private void step(String name, Runnable work) {
        stage = name;
        long t0 = System.nanoTime();
        try {
            work.run();
            LOG.debugf("warm-up: %s took %d ms", name, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("warm-up: %s failed (%s); going on", name, e.getMessage());
        }
    }

    public boolean isWarm() {
        return warmMillis >= 0;
    }

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("warm-up");
        return warmMillis >= 0 ? r.up().withData("warmMillis", warmMillis).build() : r.down().withData("stage", stage).build();
    }
}
