package app.rigtrail.forecast.domain;

import java.util.Arrays;
import java.util.List;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/** The plan's periods turned into per-pool numbers once, shared read-only by the workers. */
final class CompiledPlan {
    private final Fleet fleet;
    private final int sites;
    private final int vendors;
    private final int kinds;
    private final int cells;
    private final int days;
    final Plan plan;
    final int shockDay;
    final Period[] periods;
    /** The period in force on each simulated day. */
    final int[] periodByDay;
    /** [period][vk * 2 + route]: the first open hub taking that vendor and kind on that route, or -1. */
    final int[][] hubFor;
    final double[][] capacityPerDay;
    /** Machines each site's technicians diagnose and swap per day. */
    final int[] diagnosesPerDay;
    /** Days between shipments per site and route. */
    final int[] shipEvery;
    /**
     * For the steady-state start, under the period of day 0: each hub's leg (its transit law or the
     * fixed days) and repair time (the servers' law scaled to the turnaround, or the turnaround), and
     * per pool the time a bought replacement takes (lead time, held with the held share).
     */
    DiscreteDuration[] legLaw;
    DiscreteDuration[] repairLaw;
    DiscreteDuration[] boughtLaw;
    DiscreteDuration swapLaw;

    CompiledPlan(Fleet fleet, MonteCarloForecast.Settings settings, Plan plan) {
        this.fleet = fleet;
        this.sites = fleet.sites().size();
        this.vendors = fleet.vendors().size();
        this.kinds = fleet.partKinds().size();
        this.cells = fleet.cells();
        this.days = settings.days();
        this.diagnosesPerDay = new int[sites];
        this.shipEvery = new int[sites * 2];
        this.plan = plan;
        this.shockDay = plan.shockDay();
        this.periods = plan.periods();
        List<Hub> hubs = fleet.hubs();
        int n = periods.length;
        hubFor = new int[n][vendors * kinds * 2];
        capacityPerDay = new double[n][hubs.size()];
        periodByDay = new int[days + 1];
        for (int d = 0; d <= days; d++) {
            periodByDay[d] = plan.periodIndex(d);
        }
        for (int p = 0; p < n; p++) {
            Period period = periods[p];
            if (period.regimes().length != vendors * kinds || period.hubs().size() != hubs.size()
                    || (period.cellRegimes() != null && period.cellRegimes().length != cells)
                    || (period.stopped() != null && period.stopped().length != fleet.machines().length)) {
                throw new IllegalArgumentException("plan does not match the fleet");
            }
            Arrays.fill(hubFor[p], -1);
            for (int v = 0; v < vendors; v++) {
                for (int k = 0; k < kinds; k++) {
                    for (Route route : Route.values()) {
                        for (int h = 0; h < hubs.size(); h++) {
                            Hub hub = hubs.get(h);
                            if (hub.route() == route && period.hubs().get(h).open()
                                    && hub.takes(fleet.vendors().get(v), fleet.partKinds().get(k))) {
                                hubFor[p][(v * kinds + k) * 2 + route.ordinal()] = h;
                                break;
                            }
                        }
                    }
                }
            }
            for (int h = 0; h < hubs.size(); h++) {
                HubState st = period.hubs().get(h);
                capacityPerDay[p][h] = st.capacityPerWeek() == Integer.MAX_VALUE ? Double.MAX_VALUE / 4
                        : st.capacityPerWeek() / 7.0;
            }
        }
        for (int s = 0; s < sites; s++) {
            diagnosesPerDay[s] = fleet.diagnosesPerDay(s);
            for (int route = 0; route < 2; route++) {
                shipEvery[s * 2 + route] = fleet.shipEvery(s, route, settings.shipEveryDays());
            }
        }
        if (settings.steadyStart()) {
            steadyLaws();
        }
    }

    /** The laws the steady-state start draws from, computed once (the workers only read them). */
    private void steadyLaws() {
        Period period = periods[periodOf(0)];
        List<Hub> hubs = fleet.hubs();
        legLaw = new DiscreteDuration[hubs.size()];
        repairLaw = new DiscreteDuration[hubs.size()];
        for (int h = 0; h < hubs.size(); h++) {
            Hub hub = hubs.get(h);
            HubState st = period.hubs().get(h);
            legLaw[h] = hub.transitLaw() != null ? hub.transitLaw() : DiscreteDuration.fixed(hub.transitDays());
            DiscreteDuration law = hub.repairLaw();
            if (law != null && law.mean() > 0) {
                // max(1, round(X stretch)) for X the law, as serve and serveByServers draw it
                double stretch = st.turnaroundDays() / law.mean();
                double[] cdf = new double[(int) Math.round(law.maxDays() * stretch) + 2];
                for (int k = 0; k <= law.maxDays(); k++) {
                    double mass = law.survival(k - 1) - law.survival(k);
                    cdf[Math.max(1, (int) Math.round(k * stretch))] += mass;
                }
                for (int k = 1; k < cdf.length; k++) {
                    cdf[k] += cdf[k - 1];
                }
                repairLaw[h] = DiscreteDuration.ofCdf(cdf);
            } else {
                repairLaw[h] = DiscreteDuration.fixed(st.turnaroundDays());
            }
            legLaw[h].equilibrium();
            repairLaw[h].equilibrium();
        }
        boughtLaw = new DiscreteDuration[cells];
        java.util.Map<Regime, DiscreteDuration> seen = new java.util.IdentityHashMap<>();
        for (int cell = 0; cell < cells; cell++) {
            Regime r = period.regime(cell, (cell / kinds) % vendors * kinds + cell % kinds);
            boughtLaw[cell] = seen.computeIfAbsent(r, x -> {
                int lead = x.sparesLeadDays();
                double[] cdf = new double[lead + x.hold().maxDays() + 1];
                for (int k = lead; k < cdf.length; k++) {
                    cdf[k] = 1 - x.heldShare() + x.heldShare() * (1 - x.hold().survival(k - lead));
                }
                return DiscreteDuration.ofCdf(cdf);
            });
            boughtLaw[cell].equilibrium();
            r.bench().equilibrium();
            r.hold().equilibrium();
            r.outboundHold().equilibrium();
        }
        double swap = fleet.swapDays();
        if (swap > 0) {
            // (int) (U + swap) days: floor(swap) or one more with the fraction's probability
            int whole = (int) swap;
            double[] cdf = new double[whole + 2];
            cdf[whole] = 1 - (swap - whole);
            cdf[whole + 1] = 1;
            swapLaw = DiscreteDuration.ofCdf(cdf);
            swapLaw.equilibrium();
        }
    }

    int periodOf(int day) {
        return periodByDay[Math.min(Math.max(day, 0), days)];
    }

    /** The first day after {@code day} on which another period begins (or the end). */
    int nextStart(int day) {
        for (int start : plan.starts()) {
            if (start > day) {
                return Math.min(start, days);
            }
        }
        return days;
    }
}
