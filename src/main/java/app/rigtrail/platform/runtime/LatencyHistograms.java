package app.rigtrail.platform.runtime;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * HTTP latency as a histogram per route (http_server_requests_seconds_bucket{uri=...}), with
 * buckets around what users feel (50 ms to 10 s), so p95 per route and the share of requests under
 * a target come out of Prometheus. The forecast run durations get buckets too.
 */
public class LatencyHistograms {

    static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    @Produces
    @Singleton
    MeterFilter histograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests") || id.getName().equals("rigtrail.forecast.run.duration")) {
                    double[] slo = new double[BUCKETS.length];
                    for (int i = 0; i < slo.length; i++) {
                        slo[i] = BUCKETS[i].toNanos();
                    }
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(slo).build().merge(config);
                }
                return config;
            }
        };
    }
}
