package app.rigtrail.logistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.dwell.domain.KaplanMeier;
import app.rigtrail.dwell.domain.Observation;
import app.rigtrail.dwell.domain.SurvivalModel;
import app.rigtrail.logistics.domain.HoldKind;

/**
 * The dwell models the holds board shows, remembered exactly: each result is kept under the version
 * of the customs holds it was computed from (bumped by trigger on every change, V7) and the day, so
 * a board request reads one number instead of every hold, and any change of a hold is seen at once.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class HoldModels {

    /** The survival curve of a selection: rows {t, S, lower, upper} to the last observation, and its counts. */
    public record Curve(List<double[]> points, int observations, int open) {
    }

    private record Key(String what, String port, String vendor, String kind, LocalDate today, long version,
            java.util.Set<Long> sites) {
        Key(String what, String port, String vendor, String kind, LocalDate today, long version) {
            this(what, port, vendor, kind, today, version, null);
        }
    }

    private final Map<Key, Object> memo = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
            return size() > 128;
        }
    });

    @Inject
    EntityManager em;

    @Inject
    DwellService dwell;

    long version() {
        return ((Number) em.createNativeQuery("select version from dashboard_version where name = 'customs_hold'")
                .getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    public Optional<SurvivalModel> fitFor(HoldKind kind, LocalDate today) {
        Key key = new Key("fit", null, null, kind.name(), today, version());
        return (Optional<SurvivalModel>) memo.computeIfAbsent(key, k -> dwell.bestFit(
                dwell.observations(new DwellService.Filter(null, null, kind.name(), null, null), today)));
    }

    /**
     * The dwell model of one vendor's holds at every port and of every kind (the customs part of a
     * spare's lead time, for the stock levels' reorder points): fitting it reads and fits every hold
     * of the vendor, tens of thousands at the benchmark fleet, so it is remembered like the others.
     */
    @SuppressWarnings("unchecked")
    public Optional<SurvivalModel> fitForVendor(String vendor, LocalDate today) {
        Key key = new Key("vendor-fit", null, vendor, null, today, version());
        return (Optional<SurvivalModel>) memo.computeIfAbsent(key, k -> dwell.bestFit(
                dwell.observations(new DwellService.Filter(null, vendor, null, null, null), today)));
    }

    /** The curve of the holds of {@code sites} (null: every site) in the selection. */
    public Curve curve(String port, String vendor, HoldKind kind, LocalDate today, java.util.Set<Long> sites) {
        java.util.Set<Long> scope = sites == null ? null : java.util.Set.copyOf(sites);
        Key key = new Key("curve", port, vendor, kind == null ? null : kind.name(), today, version(), scope);
        return (Curve) memo.computeIfAbsent(key, k -> compute(port, vendor, kind, today, scope));
    }

    private Curve compute(String port, String vendor, HoldKind kind, LocalDate today, java.util.Set<Long> sites) {
        List<Observation> data = dwell.observations(new DwellService.Filter(port, vendor,
                kind == null ? null : kind.name(), null, null, sites), today);
        KaplanMeier km = KaplanMeier.estimate(data, 0.95, KaplanMeier.Band.LOG);
        List<double[]> curve = new ArrayList<>();
        curve.add(new double[] {0, 1, 1, 1});
        for (KaplanMeier.Row r : km.rows()) {
            curve.add(new double[] {r.time(), r.survival(), r.lower() == null ? r.survival() : r.lower(),
                    r.upper() == null ? r.survival() : r.upper()});
        }
        // the curve runs on to the last observation (an open hold's age), not only to the last release
        double last = data.stream().mapToDouble(Observation::time).max().orElse(0);
        double[] end = curve.get(curve.size() - 1);
        if (last > end[0]) {
            curve.add(new double[] {last, end[1], end[2], end[3]});
        }
        int open = (int) data.stream().filter(o -> !o.event()).mapToInt(Observation::count).sum();
        return new Curve(List.copyOf(curve), data.stream().mapToInt(Observation::count).sum(), open);
    }
}
