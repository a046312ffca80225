package app.rigtrail.availability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Remembers what a dashboard computation gave for a key that names everything it depends on,
 * including the version of its data (the generation of the closed availability days, the version of
 * the completed-repair columns, the time the backlog was read). A changed version is a new key, so a
 * remembered result is never stale: this saves recomputing, not reading. At most 512 results, the
 * least recently used dropped first.
 */
@ApplicationScoped
public class DashboardMemo {

    private static final int SIZE = 512;

    private final Map<String, Object> results = new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > SIZE;
        }
    };

    /** Off only to measure what the computations cost without it (DASHBENCH_MEMO=false bench/dashboard.sh). */
    @Inject
    DashboardConfig config;

    /** Whether results are remembered (false only to measure the computations without it). */
    public boolean enabled() {
        return config.memo();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        if (!enabled()) {
            return compute.get();
        }
        synchronized (results) {
            Object hit = results.get(key);
            if (hit != null) {
                return (T) hit;
            }
        }
        T value = compute.get(); // outside the lock: two requests may compute the same key once each
        synchronized (results) {
            results.put(key, value);
        }
        return value;
    }

    /** The part of a key that names a filter's selection and period. */
    static String key(DashboardFilter f) {
        return f.siteId() + "|" + f.vendor() + "|" + f.modelIds() + "|" + f.from() + "|" + f.to() + "|" + f.periodGiven();
    }
}
