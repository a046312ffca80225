package app.rigtrail.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.distribution.continuous.TDistribution;

import app.rigtrail.forecast.domain.Band;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.OrderPipeline;
import app.rigtrail.forecast.domain.Plan;
import app.rigtrail.forecast.domain.PlanGap;
import app.rigtrail.forecast.domain.ScenarioParameters;

/**
 * The forecast's growth side, as the result gives it: per scenario the open machine orders simulated
 * ({@link OrderPipeline}) into installed and hashing TH/s against the capacity plan, machines on order
 * and in customs, capital; and the comparison "what it costs to hit the plan", paired against the
 * first scenario (the same failure draws and the same order draws in every scenario).
 */
public final class ForecastGrowth {

    private ForecastGrowth() {
    }

    /** What the result adds: {@code growth} (one per scenario) and {@code planComparison}. */
    public static Map<String, Object> report(List<String> names, List<Long> ids, List<ScenarioParameters> params,
            ForecastInputs.Orders orders, Fleet fleet, List<Plan> plans, List<Run> runs, LocalDate start, int warmup,
            int horizon, int reps, long seed, double hashprice) {
        double installed = fleet.nameplateThs();
        double[] plan = PlanGap.planByDay(orders.targets(), start, horizon);
        List<Object[]> monthEnds = PlanGap.monthEnds(start, horizon);
        YearMonth finalMonth = finalMonth(orders.targets(), start, horizon);
        double finalTarget = finalMonth == null ? Double.NaN : orders.targets().get(finalMonth);
        List<Map<String, Object>> growth = new ArrayList<>();
        List<OrderPipeline.Result> results = new ArrayList<>();
        List<PlanGap.Outcome> outcomes = new ArrayList<>();
        List<OrderPipeline.Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            OrderPipeline.Schedule schedule = OrderPipeline.schedule(params.get(i), plans.get(i), fleet, start, warmup);
            schedules.add(schedule);
            OrderPipeline.Result res = OrderPipeline.run(orders.book(), schedule, horizon, reps, seed);
            results.add(res);
            float[] down = runs.get(i).hashrateDownByReplication();
            outcomes.add(PlanGap.of(plan, finalTarget, installed, res.addedThs(), down, horizon, reps, monthEnds));
            float[] inst = new float[horizon * reps];
            float[] hashing = new float[horizon * reps];
            for (int r = 0; r < reps; r++) {
                for (int d = 0; d < horizon; d++) {
                    inst[r * horizon + d] = (float) (installed + res.addedThs()[r * horizon + d]);
                    hashing[r * horizon + d] = inst[r * horizon + d] - down[d * reps + r];
                }
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("scenario", ids.get(i));
            doc.put("name", names.get(i));
            Band instBand = Band.ofReplications(inst, horizon, reps);
            doc.put("installedThs", ForecastService.band(instBand));
            doc.put("hashingThs", ForecastService.band(Band.ofReplications(hashing, horizon, reps)));
            List<Double> planDays = new ArrayList<>();
            List<Double> gap = new ArrayList<>();
            for (int d = 0; d < horizon; d++) {
                planDays.add(Double.isNaN(plan[d]) ? null : plan[d]);
                gap.add(Double.isNaN(plan[d]) ? null : ForecastService.round(plan[d] - instBand.mean()[d]));
            }
            doc.put("planThs", planDays);
            doc.put("gapToPlanThs", gap);
            doc.put("machinesOnOrder", ForecastService.band(Band.ofReplications(res.onOrder(), horizon, reps)));
            doc.put("machinesOnTheWay", ForecastService.band(Band.ofReplications(res.onTheWay(), horizon, reps)));
            doc.put("machinesInCustoms", ForecastService.band(Band.ofReplications(res.inCustoms(), horizon, reps)));
            doc.put("machinesAwaitingCommissioning",
                    ForecastService.band(Band.ofReplications(res.awaitingCommissioning(), horizon, reps)));
            double[] added = new double[reps];
            for (int r = 0; r < reps; r++) {
                added[r] = res.addedThsAt(r, horizon - 1);
            }
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("addedThs", ForecastService.summary(added, 1));
            totals.put("machinesCommissioned", ForecastService.summary(res.unitsCommissioned(), 1));
            totals.put("machinesSeized", ForecastService.summary(res.unitsSeized(), 1));
            totals.put("machinesNeverShipped", ForecastService.summary(res.unitsStopped(), 1));
            totals.put("machinesMoved", ForecastService.summary(res.unitsMoved(), 1));
            totals.put("capitalSpentUsd", ForecastService.summary(res.spentCents(), 0.01));
            totals.put("capitalStrandedUsd", ForecastService.summary(res.strandedCents(), 0.01));
            totals.put("capitalNotHashingUsd", ForecastService.summary(res.notHashingCents(), 0.01));
            totals.put("storageFeesUsd", ForecastService.summary(res.storageFeesCents(), 0.01));
            totals.put("costPerInstalledThUsd", costPerTh(res.spentCents(), added));
            doc.put("totals", totals);
            growth.add(doc);
        }
        Map<String, Object> comparison = new LinkedHashMap<>();
        comparison.put("scope", orders.planScope());
        comparison.put("hashpriceUsdPerThDay", hashprice);
        comparison.put("finalTargetMonth", finalMonth == null ? null : finalMonth.toString());
        comparison.put("finalTargetThs", finalMonth == null ? null : finalTarget);
        comparison.put("installedThsToday", ForecastService.round(installed));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> diffs = new ArrayList<>();
        if (finalMonth != null) {
            for (int i = 0; i < plans.size(); i++) {
                PlanGap.Outcome o = outcomes.get(i);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("scenario", ids.get(i));
                row.put("name", names.get(i));
                int m = PlanGap.medianMonth(o.monthReached(), monthEnds.size());
                row.put("monthReached", m < 0 ? null : monthEnds.get(m)[0].toString());
                row.put("shareReached", ForecastService.round(PlanGap.shareReached(o.monthReached())));
                row.put("shortAtHorizonThs", ForecastService.summary(o.shortAtHorizonThs(), 1));
                row.put("hashrateDaysShortThDays", ForecastService.summary(o.thDaysShort(), 1));
                row.put("valueLostUsd", ForecastService.summary(o.thDaysShort(), hashprice));
                row.put("capitalSpentUsd", ForecastService.summary(results.get(i).spentCents(), 0.01));
                row.put("capitalStrandedUsd", ForecastService.summary(results.get(i).strandedCents(), 0.01));
                double[] added = new double[reps];
                for (int r = 0; r < reps; r++) {
                    added[r] = results.get(i).addedThsAt(r, horizon - 1);
                }
                row.put("costPerInstalledThUsd", costPerTh(results.get(i).spentCents(), added));
                rows.add(row);
            }
            double t = new TDistribution(reps - 1).inverseCumulativeProbability(0.975);
            for (int i = 1; i < plans.size(); i++) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("scenario", ids.get(i));
                d.put("versus", ids.get(0));
                d.put("name", names.get(i) + " minus " + names.get(0));
                d.put("shortAtHorizonThs", paired(outcomes.get(i).shortAtHorizonThs(),
                        outcomes.get(0).shortAtHorizonThs(), t, 1));
                d.put("hashrateDaysShortThDays", paired(outcomes.get(i).thDaysShort(), outcomes.get(0).thDaysShort(), t, 1));
                d.put("valueLostUsd", paired(outcomes.get(i).thDaysShort(), outcomes.get(0).thDaysShort(), t, hashprice));
                d.put("capitalSpentUsd", paired(results.get(i).spentCents(), results.get(0).spentCents(), t, 0.01));
                diffs.add(d);
            }
            comparison.put("shifts", shifts(names, ids, orders, schedules, results, outcomes, plan, finalTarget, installed,
                    runs, monthEnds, horizon, reps, seed, hashprice, t));
        } else {
            comparison.put("message", orders.targets().isEmpty()
                    ? "No capacity plan to compare with (" + orders.planScope() + ")."
                    : "No target of the plan falls within or after the horizon.");
        }
        comparison.put("rows", rows);
        comparison.put("differences", diffs);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("growth", growth);
        out.put("planComparison", comparison);
        return out;
    }

    /**
     * What moving the open orders today would change, per scenario: all the machines still on order of
     * each vendor that has some, moved to each other vendor with an offer (its latest order's price,
     * TH/s per machine and lead time), against the scenario itself, paired run by run (the same failures
     * and the same order draws; the failure side does not change with orders, so it is not rerun).
     */
    private static List<Map<String, Object>> shifts(List<String> names, List<Long> ids, ForecastInputs.Orders orders,
            List<OrderPipeline.Schedule> schedules, List<OrderPipeline.Result> results, List<PlanGap.Outcome> outcomes,
            double[] plan, double finalTarget, double installed, List<Run> runs, List<Object[]> monthEnds, int horizon,
            int reps, long seed, double hashprice, double t) {
        java.util.TreeSet<String> from = new java.util.TreeSet<>();
        for (OrderPipeline.Order o : orders.book().orders()) {
            if (o.unitsOnOrder() > 0) {
                from.add(o.vendor());
            }
        }
        java.util.TreeSet<String> to = new java.util.TreeSet<>(orders.book().offers().keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            for (String f : from) {
                for (String v : to) {
                    if (v.equals(f)) {
                        continue;
                    }
                    OrderPipeline.Result res = OrderPipeline.run(orders.book(), schedules.get(i).movedFromStart(f, v, 1),
                            horizon, reps, seed);
                    PlanGap.Outcome o = PlanGap.of(plan, finalTarget, installed, res.addedThs(),
                            runs.get(i).hashrateDownByReplication(), horizon, reps, monthEnds);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("scenario", ids.get(i));
                    row.put("name", names.get(i));
                    row.put("from", f);
                    row.put("to", v);
                    row.put("machinesMoved", ForecastService.summary(res.unitsMoved(), 1));
                    int m = PlanGap.medianMonth(o.monthReached(), monthEnds.size());
                    row.put("monthReached", m < 0 ? null : monthEnds.get(m)[0].toString());
                    row.put("shareReached", ForecastService.round(PlanGap.shareReached(o.monthReached())));
                    row.put("shortAtHorizonThs", ForecastService.summary(o.shortAtHorizonThs(), 1));
                    row.put("hashrateDaysShortThDays", ForecastService.summary(o.thDaysShort(), 1));
                    row.put("capitalSpentUsd", ForecastService.summary(res.spentCents(), 0.01));
                    double[] added = new double[reps];
                    for (int r = 0; r < reps; r++) {
                        added[r] = res.addedThsAt(r, horizon - 1);
                    }
                    row.put("costPerInstalledThUsd", costPerTh(res.spentCents(), added));
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("shortAtHorizonThs", paired(o.shortAtHorizonThs(), outcomes.get(i).shortAtHorizonThs(), t, 1));
                    d.put("hashrateDaysShortThDays", paired(o.thDaysShort(), outcomes.get(i).thDaysShort(), t, 1));
                    d.put("valueLostUsd", paired(o.thDaysShort(), outcomes.get(i).thDaysShort(), t, hashprice));
                    d.put("capitalSpentUsd", paired(res.spentCents(), results.get(i).spentCents(), t, 0.01));
                    row.put("versusNotMoving", d);
                    out.add(row);
                }
            }
        }
        return out;
    }

    /**
     * The target the comparison is about: the last one whose month ends within the horizon, or, if none
     * does, the first one after it.
     */
    static YearMonth finalMonth(Map<YearMonth, Double> targets, LocalDate start, int horizon) {
        LocalDate end = start.plusDays(horizon - 1L);
        YearMonth within = null;
        YearMonth after = null;
        for (YearMonth m : new java.util.TreeSet<>(targets.keySet())) {
            if (m.atEndOfMonth().isBefore(start)) {
                continue;
            }
            if (!m.atEndOfMonth().isAfter(end)) {
                within = m;
            } else if (after == null) {
                after = m;
            }
        }
        return within != null ? within : after;
    }

    private static Map<String, Object> paired(double[] a, double[] b, double t, double scale) {
        double[] d = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            d[r] = a[r] - b[r];
        }
        double[] ci = ForecastService.meanAndHalfWidth(d, t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", ForecastService.round(ci[0] * scale));
        m.put("ciLow", ForecastService.round((ci[0] - ci[1]) * scale));
        m.put("ciHigh", ForecastService.round((ci[0] + ci[1]) * scale));
        m.put("level", 0.95);
        return m;
    }

    /** Capital spent over TH/s added, as means over the replications (null when nothing is added). */
    private static Double costPerTh(double[] spentCents, double[] addedThs) {
        double s = 0;
        double a = 0;
        for (int r = 0; r < addedThs.length; r++) {
            s += spentCents[r];
            a += addedThs[r];
        }
        return a <= 0 ? null : ForecastService.round(s / 100.0 / a);
    }
}
