package app.rigtrail.forecast.domain;

import java.util.List;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;
import app.rigtrail.inventory.domain.PipelineDistribution;

/**
 * The analytic path as it was before #12 item 3 made it fast, kept as a test oracle: for every pool
 * and every failure day the survival of the time in the pipeline recomputed, convolved directly
 * with the daily arrival rate (O(days^2) per pool). Returns pipeline, backorders, units and TH/s
 * down per horizon day.
 */
public final class DirectAnalyticForecast {

    private DirectAnalyticForecast() {
    }

    public static double[][] run(Fleet fleet, Plan plan, int warmupDays, int horizonDays, int shipEveryDays) {
        int sites = fleet.sites().size();
        // sites are independent: computed in parallel, then added up in site order (the same sums every time)
        double[][][] perSite = new double[sites][][];
        java.util.stream.IntStream.range(0, sites).parallel()
                .forEach(s -> perSite[s] = site(fleet, plan, s, warmupDays, horizonDays, shipEveryDays));
        double[][] total = new double[4][horizonDays];
        for (double[][] site : perSite) {
            for (int q = 0; q < 4; q++) {
                for (int j = 0; j < horizonDays; j++) {
                    total[q][j] += site[q][j];
                }
            }
        }
        // machines down for the swap itself: failures a day x swap days (Little), per site and vendor
        if (fleet.swapDays() > 0) {
            for (int sv = 0; sv < fleet.machines().length; sv++) {
                for (int k = 0; k < fleet.partKinds().size(); k++) {
                    int cell = sv * fleet.partKinds().size() + k;
                    for (int j = 0; j < horizonDays; j++) {
                        Regime regime = plan.at(warmupDays + j).regimes()[(sv % fleet.vendors().size())
                                * fleet.partKinds().size() + k];
                        double inSwap = regime.failuresPerUnitYear() * fleet.sockets()[cell] / 365.0 * fleet.swapDays();
                        total[2][j] += inSwap;
                        total[3][j] += inSwap * fleet.thsPerMachine()[sv];
                    }
                }
            }
        }
        return total;
    }

    /**
     * One site: pipeline, backorders, machines down and TH/s down per day. A down machine's other parts
     * do not fail (finite source): the failure rate on day u is the rate times the share of machines
     * running, 1 - E[down(u)] / N, exact in the mean since the thinning is linear in the number down.
     * E[down] comes from a first pass with every machine running; the second pass uses it.
     */
    private static double[][] site(Fleet fleet, Plan plan, int s, int warmupDays, int horizonDays, int shipEveryDays) {
        int days = warmupDays + horizonDays;
        int vendors = fleet.vendors().size();
        int kinds = fleet.partKinds().size();
        double[][] out = new double[4][horizonDays];
        double[] m = new double[days];
        double[] survival = new double[days];
        for (int v = 0; v < vendors; v++) {
            int sv = fleet.siteVendor(s, v);
            int machines = fleet.machines()[sv];
            double[] downDay = new double[days];
            double[] pipeline = new double[days];
            double[] backorders = new double[days];
            for (int pass = 0; pass < (fleet.finiteSource() ? 2 : 1); pass++) {
                double[] logAvailability = new double[days];
                java.util.Arrays.fill(pipeline, 0);
                java.util.Arrays.fill(backorders, 0);
                for (int k = 0; k < kinds; k++) {
                    int cell = fleet.cell(s, v, k);
                    int sockets = fleet.sockets()[cell];
                    java.util.Arrays.fill(m, 0);
                    for (int u = 0; u < days; u++) {
                        Regime regime = plan.at(u).regimes()[v * kinds + k];
                        double running = machines == 0 ? 1 : Math.max(0, 1 - downDay[u] / machines);
                        double lambda = regime.failuresPerUnitYear() * sockets / 365.0 * running;
                        if (lambda == 0) {
                            continue;
                        }
                        notBack(fleet, plan, s, v, k, u, days, shipEveryDays, survival);
                        for (int t = u; t < days; t++) {
                            m[t] += lambda * survival[t - u];
                        }
                    }
                    for (int j = 0; j < days; j++) {
                        double ebo = PipelineDistribution.poisson(m[j]).ebo(fleet.spares()[cell]);
                        pipeline[j] += m[j];
                        backorders[j] += ebo;
                        if (machines > 0 && sockets > 0) {
                            double z = (double) sockets / machines;
                            double perSocket = Math.min(1, ebo / sockets);
                            logAvailability[j] += perSocket >= 1 ? Double.NEGATIVE_INFINITY : z * Math.log1p(-perSocket);
                        }
                    }
                }
                for (int j = 0; j < days; j++) {
                    downDay[j] = machines * (1 - Math.exp(logAvailability[j]));
                }
            }
            for (int j = 0; j < horizonDays; j++) {
                double down = downDay[warmupDays + j];
                out[0][j] += pipeline[warmupDays + j];
                out[1][j] += backorders[warmupDays + j];
                out[2][j] += down;
                out[3][j] += down * fleet.thsPerMachine()[sv];
            }
        }
        return out;
    }

    /** survival[k] = P(a part of this pool that failed on day u is not back on its shelf by day u + k). */
    static void notBack(Fleet fleet, Plan plan, int site, int vendor, int kind, int u, int days, int shipEvery,
            double[] survival) {
        int kinds = fleet.partKinds().size();
        int vk = vendor * kinds + kind;
        Regime regime = plan.at(u).regimes()[vk];
        int horizon = days - u;
        java.util.Arrays.fill(survival, 0, horizon, 0);
        for (int k = 0; k < horizon; k++) {
            survival[k] += regime.benchShare() * regime.bench().survival(k);
        }
        if (regime.scrapShare() > 0) {
            for (int k = 0; k < horizon; k++) {
                survival[k] += regime.scrapShare() * (regime.ordersAllowed()
                        ? heldOrNot(regime, regime.sparesLeadDays(), k) : 1);
            }
        }
        addHubRoute(fleet, plan, site, vendor, kind, u, days, shipEvery, Route.VENDOR_HUB, regime.vendorHubShare(),
                survival);
        addHubRoute(fleet, plan, site, vendor, kind, u, days, shipEvery, Route.ONSHORE_PARTNER, regime.onshoreShare(),
                survival);
    }

    private static void addHubRoute(Fleet fleet, Plan plan, int site, int vendor, int kind, int u, int days,
            int shipEvery, Route route, double share, double[] survival) {
        if (share <= 0) {
            return;
        }
        int horizon = days - u;
        int kinds = fleet.partKinds().size();
        int vk = vendor * kinds + kind;
        List<Hub> hubs = fleet.hubs();
        // the first shipping day on or after u with a hub open for it
        int ship = u + Math.floorMod(-(u + site), shipEvery);
        int h = -1;
        for (; ship < days; ship += shipEvery) {
            h = hubFor(fleet, plan.at(ship), vendor, kind, route);
            if (h >= 0) {
                break;
            }
        }
        int start = -1;
        if (h >= 0) {
            Hub hub = hubs.get(h);
            // an outbound hold delays the arrival by its mean (the mean pipeline is exact; its law is not)
            Regime out = plan.at(ship).regimes()[vk];
            int outHold = hub.crossesBorder() ? (int) Math.round(out.heldShareOut() * out.outboundHold().mean()) : 0;
            for (int d = ship + (int) Math.round(hub.meanTransit()) + outHold; d < days; d++) {
                if (plan.at(d).hubs().get(h).open()) {
                    start = d;
                    break;
                }
            }
        }
        if (start < 0 && h >= 0) {
            // shipped but not at the hub before the last day: still on its way
            for (int k = 0; k < horizon; k++) {
                survival[k] += share;
            }
            return;
        }
        if (start < 0) {
            // no open hub takes it: the fallback
            Regime regime = plan.at(u).regimes()[vk];
            for (int k = 0; k < horizon; k++) {
                survival[k] += share * (regime.fallback() == Plan.Fallback.BENCH ? regime.bench().survival(k)
                        : regime.ordersAllowed() ? heldOrNot(regime, regime.sparesLeadDays(), k) : 1);
            }
            return;
        }
        Hub hub = hubs.get(h);
        // the repair (the hub's law scaled to the turnaround, or the turnaround) and the return leg (its law, or
        // its days): their sum Y has the law py
        double[] py = AnalyticForecast.convolve(
                AnalyticForecast.repairLaw(hub.repairLaw(), plan.at(start).hubs().get(h).turnaroundDays()),
                AnalyticForecast.transitLaw(hub));
        // as in the simulation, the return trip runs under the parameters in force when the repair starts
        Regime atBorder = plan.at(start).regimes()[vk];
        double held = hub.crossesBorder() ? atBorder.heldShare() : 0;
        double excluded = held * atBorder.excludedShare();
        double replacement = atBorder.sparesLeadDays() + atBorder.heldShare() * atBorder.hold().mean();
        for (int k = 0; k < horizon; k++) {
            double notBack = 0;
            for (int y = 0; y < py.length; y++) {
                if (py[y] == 0) {
                    continue;
                }
                int base = start - u + y;
                double v = (1 - held) * (base > k ? 1 : 0) + (held - excluded) * atBorder.hold().survival(k - base);
                if (excluded > 0) {
                    v += excluded * (atBorder.ordersAllowed()
                            ? atBorder.hold().survival((int) Math.round(k - base - replacement)) : 1);
                }
                notBack += py[y] * v;
            }
            survival[k] += share * notBack;
        }
    }

    /** P(lead + hold > k), the hold happening with the regime's held share. */
    private static double heldOrNot(Regime regime, int lead, int k) {
        double held = regime.heldShare();
        return (1 - held) * (lead > k ? 1 : 0) + held * regime.hold().survival(k - lead);
    }

    static int hubFor(Fleet fleet, Period period, int vendor, int kind, Route route) {
        List<Hub> hubs = fleet.hubs();
        for (int h = 0; h < hubs.size(); h++) {
            Hub hub = hubs.get(h);
            if (hub.route() == route && period.hubs().get(h).open()
                    && hub.takes(fleet.vendors().get(vendor), fleet.partKinds().get(kind))) {
                return h;
            }
        }
        return -1;
    }
}
