package app.rigtrail.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.rigtrail.forecast.ForecastResult.Growth;
import app.rigtrail.forecast.ForecastResult.GrowthReport;
import app.rigtrail.forecast.ForecastResult.GrowthTotals;
import app.rigtrail.forecast.ForecastResult.PlanComparison;
import app.rigtrail.forecast.ForecastResult.PlanDifference;
import app.rigtrail.forecast.ForecastResult.PlanRow;
import app.rigtrail.forecast.ForecastResult.Shift;
import app.rigtrail.forecast.ForecastResult.ShiftDifference;
import app.rigtrail.forecast.domain.Band;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.OrderPipeline;
import app.rigtrail.forecast.domain.Plan;
import app.rigtrail.forecast.domain.PlanGap;
import app.rigtrail.forecast.domain.ReplicationStatistics;
import app.rigtrail.forecast.domain.ReplicationStatistics.DailyBand;
import app.rigtrail.forecast.domain.ReplicationStatistics.Interval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Summary;
import app.rigtrail.forecast.domain.ScenarioParameters;

import static app.rigtrail.forecast.domain.ReplicationStatistics.round;

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
    public static GrowthReport report(List<String> names, List<Long> ids, List<ScenarioParameters> params,
            ForecastInputs.Orders orders, Fleet fleet, List<Plan> plans, List<Run> runs, LocalDate start, int warmup,
            int horizon, int reps, long seed, double hashprice) {
        double installed = fleet.nameplateThs();
        double[] plan = PlanGap.planByDay(orders.targets(), start, horizon);
        List<Object[]> monthEnds = PlanGap.monthEnds(start, horizon);
        YearMonth finalMonth = finalMonth(orders.targets(), start, horizon);
        double finalTarget = finalMonth == null ? Double.NaN : orders.targets().get(finalMonth);
        List<Growth> growth = new ArrayList<>();
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
            Band instBand = Band.ofReplications(inst, horizon, reps);
            List<Double> planDays = new ArrayList<>();
            List<Double> gap = new ArrayList<>();
            for (int d = 0; d < horizon; d++) {
                planDays.add(Double.isNaN(plan[d]) ? null : plan[d]);
                gap.add(Double.isNaN(plan[d]) ? null : round(plan[d] - instBand.mean()[d]));
            }
            double[] added = addedAtHorizon(res, horizon, reps);
            GrowthTotals totals = new GrowthTotals(Summary.of(added, 1), Summary.of(res.unitsCommissioned(), 1),
                    Summary.of(res.unitsSeized(), 1), Summary.of(res.unitsStopped(), 1), Summary.of(res.unitsMoved(), 1),
                    Summary.of(res.spentCents(), 0.01), Summary.of(res.strandedCents(), 0.01),
                    Summary.of(res.notHashingCents(), 0.01), Summary.of(res.storageFeesCents(), 0.01),
                    costPerTh(res.spentCents(), added));
            growth.add(new Growth(ids.get(i), names.get(i), DailyBand.of(instBand),
                    DailyBand.of(Band.ofReplications(hashing, horizon, reps)), planDays, gap,
                    DailyBand.of(Band.ofReplications(res.onOrder(), horizon, reps)),
                    DailyBand.of(Band.ofReplications(res.onTheWay(), horizon, reps)),
                    DailyBand.of(Band.ofReplications(res.inCustoms(), horizon, reps)),
                    DailyBand.of(Band.ofReplications(res.awaitingCommissioning(), horizon, reps)), totals));
        }
        List<PlanRow> rows = new ArrayList<>();
        List<PlanDifference> diffs = new ArrayList<>();
        if (finalMonth == null) {
            String message = orders.targets().isEmpty()
                    ? "No capacity plan to compare with (" + orders.planScope() + ")."
                    : "No target of the plan falls within or after the horizon.";
            return new GrowthReport(growth, new PlanComparison(orders.planScope(), hashprice, null, null,
                    round(installed), null, message, rows, diffs));
        }
        for (int i = 0; i < plans.size(); i++) {
            PlanGap.Outcome o = outcomes.get(i);
            OrderPipeline.Result res = results.get(i);
            int m = PlanGap.medianMonth(o.monthReached(), monthEnds.size());
            rows.add(new PlanRow(ids.get(i), names.get(i), m < 0 ? null : monthEnds.get(m)[0].toString(),
                    round(PlanGap.shareReached(o.monthReached())), Summary.of(o.shortAtHorizonThs(), 1),
                    Summary.of(o.thDaysShort(), 1), Summary.of(o.thDaysShort(), hashprice),
                    Summary.of(res.spentCents(), 0.01), Summary.of(res.strandedCents(), 0.01),
                    costPerTh(res.spentCents(), addedAtHorizon(res, horizon, reps))));
        }
        double t = ReplicationStatistics.t(reps);
        for (int i = 1; i < plans.size(); i++) {
            PlanGap.Outcome o = outcomes.get(i);
            PlanGap.Outcome first = outcomes.get(0);
            diffs.add(new PlanDifference(ids.get(i), ids.get(0), names.get(i) + " minus " + names.get(0),
                    Interval.paired(o.shortAtHorizonThs(), first.shortAtHorizonThs(), t, 1),
                    Interval.paired(o.thDaysShort(), first.thDaysShort(), t, 1),
                    Interval.paired(o.thDaysShort(), first.thDaysShort(), t, hashprice),
                    Interval.paired(results.get(i).spentCents(), results.get(0).spentCents(), t, 0.01)));
        }
        List<Shift> shifts = shifts(names, ids, orders, schedules, results, outcomes, plan, finalTarget, installed,
                runs, monthEnds, horizon, reps, seed, hashprice, t);
        return new GrowthReport(growth, new PlanComparison(orders.planScope(), hashprice, finalMonth.toString(),
                finalTarget, round(installed), shifts, null, rows, diffs));
    }

    /**
     * What moving the open orders today would change, per scenario: all the machines still on order of
     * each vendor that has some, moved to each other vendor with an offer (its latest order's price,
     * TH/s per machine and lead time), against the scenario itself, paired run by run (the same failures
     * and the same order draws; the failure side does not change with orders, so it is not rerun).
     */
    private static List<Shift> shifts(List<String> names, List<Long> ids, ForecastInputs.Orders orders,
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
        List<Shift> out = new ArrayList<>();
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
                    int m = PlanGap.medianMonth(o.monthReached(), monthEnds.size());
                    PlanGap.Outcome notMoving = outcomes.get(i);
                    ShiftDifference d = new ShiftDifference(
                            Interval.paired(o.shortAtHorizonThs(), notMoving.shortAtHorizonThs(), t, 1),
                            Interval.paired(o.thDaysShort(), notMoving.thDaysShort(), t, 1),
                            Interval.paired(o.thDaysShort(), notMoving.thDaysShort(), t, hashprice),
                            Interval.paired(res.spentCents(), results.get(i).spentCents(), t, 0.01));
                    out.add(new Shift(ids.get(i), names.get(i), f, v, Summary.of(res.unitsMoved(), 1),
                            m < 0 ? null : monthEnds.get(m)[0].toString(), round(PlanGap.shareReached(o.monthReached())),
                            Summary.of(o.shortAtHorizonThs(), 1), Summary.of(o.thDaysShort(), 1),
                            Summary.of(res.spentCents(), 0.01), costPerTh(res.spentCents(), addedAtHorizon(res, horizon, reps)),
                            d));
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

    /** TH/s each replication added by the last day of the horizon. */
    private static double[] addedAtHorizon(OrderPipeline.Result res, int horizon, int reps) {
        double[] added = new double[reps];
        for (int r = 0; r < reps; r++) {
            added[r] = res.addedThsAt(r, horizon - 1);
        }
        return added;
    }

    /** Capital spent over TH/s added, as means over the replications (null when nothing is added). */
    private static Double costPerTh(double[] spentCents, double[] addedThs) {
        double s = 0;
        double a = 0;
        for (int r = 0; r < addedThs.length; r++) {
            s += spentCents[r];
            a += addedThs[r];
        }
        return a <= 0 ? null : round(s / 100.0 / a);
    }
}
