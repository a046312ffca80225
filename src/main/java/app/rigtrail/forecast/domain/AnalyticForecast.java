package app.rigtrail.forecast.domain;

import java.util.List;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;
import app.rigtrail.inventory.domain.PipelineDistribution;

/**
 * The analytic path, in milliseconds: for each pool the exact transient of the M_t/G/inf pipeline,
 * m(t) = sum over failure days u <= t of lambda(u) P(not back by t | failed on u), with the same
 * routes, weekly shipping days, hub turnarounds, border holds and purchase lead times as the
 * simulation; then the backorders EBO(s) of a Poisson pipeline with s spares (Palm), and the
 * availability formula A = prod_k (1 - EBO_k / (N Z_k))^Z_k per site and vendor.
 *
 * <p>What it cannot carry and the simulation does: hub capacity (hubs are taken as uncapacitated),
 * shipment-wide holds (which keep the mean but widen the distribution beyond Poisson), and the
 * uncertainty of estimated failure rates. A replacement bought for an excluded part is counted with
 * the mean of its own hold. Where its assumptions hold, its pipeline mean is exact and the tests
 * hold the simulation to it.
 */
public final class AnalyticForecast {

    /** Per day over the horizon: parts in the pipeline, backorders, machines and hashrate down. */
    public record Result(double[] pipelineMean, double[] backorders, double[] unitsDown, double[] hashrateDownThs) {
    }

    private AnalyticForecast() {
    }

    public static Result run(Fleet fleet, Plan plan, int warmupDays, int horizonDays, int shipEveryDays) {
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
        return new Result(total[0], total[1], total[2], total[3]);
    }

    /** One site: pipeline, backorders, machines down and TH/s down per day. */
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
            double[] logAvailability = new double[horizonDays];
            for (int k = 0; k < kinds; k++) {
                int cell = fleet.cell(s, v, k);
                int sockets = fleet.sockets()[cell];
                java.util.Arrays.fill(m, 0);
                for (int u = 0; u < days; u++) {
                    Regime regime = plan.at(u).regimes()[v * kinds + k];
                    double lambda = regime.failuresPerUnitYear() * sockets / 365.0;
                    if (lambda == 0) {
                        continue;
                    }
                    notBack(fleet, plan, s, v, k, u, days, shipEveryDays, survival);
                    for (int t = u; t < days; t++) {
                        m[t] += lambda * survival[t - u];
                    }
                }
                for (int j = 0; j < horizonDays; j++) {
                    double mean = m[warmupDays + j];
                    double ebo = PipelineDistribution.poisson(mean).ebo(fleet.spares()[cell]);
                    out[0][j] += mean;
                    out[1][j] += ebo;
                    if (machines > 0 && sockets > 0) {
                        double z = (double) sockets / machines;
                        double perSocket = Math.min(1, ebo / sockets);
                        logAvailability[j] += perSocket >= 1 ? Double.NEGATIVE_INFINITY : z * Math.log1p(-perSocket);
                    }
                }
            }
            for (int j = 0; j < horizonDays; j++) {
                double down = machines * (1 - Math.exp(logAvailability[j]));
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
            for (int d = ship + hub.transitDays(); d < days; d++) {
                if (plan.at(d).hubs().get(h).open()) {
                    start = d;
                    break;
                }
            }
        }
        if (start < 0) {
            for (int k = 0; k < horizon; k++) {
                survival[k] += share;
            }
            return;
        }
        Hub hub = hubs.get(h);
        int done = start + plan.at(start).hubs().get(h).turnaroundDays();
        // as in the simulation, the return trip runs under the parameters in force when the repair starts
        Regime atBorder = plan.at(start).regimes()[vk];
        int base = done + hub.transitDays() - u;
        double held = hub.crossesBorder() ? atBorder.heldShare() : 0;
        double excluded = held * atBorder.excludedShare();
        double replacement = atBorder.sparesLeadDays() + atBorder.heldShare() * atBorder.hold().mean();
        for (int k = 0; k < horizon; k++) {
            double notBack = (1 - held) * (base > k ? 1 : 0) + (held - excluded) * atBorder.hold().survival(k - base);
            if (excluded > 0) {
                notBack += excluded * (atBorder.ordersAllowed()
                        ? atBorder.hold().survival((int) Math.round(k - base - replacement)) : 1);
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
