package app.rigtrail.forecast.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Fleet.Route;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/** Small fleets and regimes for the engine tests. */
final class Fixtures {

    static final Hub OVERSEAS = new Hub("BM-SZ", Route.VENDOR_HUB, List.of("BITMAIN"), List.of("HASHBOARD", "PSU"),
            true, 12, 400, 28);
    static final Hub ONSHORE = new Hub("OP-GA", Route.ONSHORE_PARTNER, List.of("BITMAIN"), List.of("HASHBOARD", "PSU"),
            false, 3, 60, 14);

    private Fixtures() {
    }

    /** One vendor (Bitmain), the given part kinds, sites with these machines, sockets per machine and spares. */
    static Fleet fleet(int[] machinesPerSite, List<String> kinds, int[] socketsPerMachine, int spares, List<Hub> hubs) {
        int sites = machinesPerSite.length;
        List<String> siteNames = new ArrayList<>();
        int[] sockets = new int[sites * kinds.size()];
        int[] sparesArr = new int[sites * kinds.size()];
        double[] ths = new double[sites];
        for (int s = 0; s < sites; s++) {
            siteNames.add("S" + s);
            ths[s] = 200;
            for (int k = 0; k < kinds.size(); k++) {
                sockets[s * kinds.size() + k] = machinesPerSite[s] * socketsPerMachine[k];
                sparesArr[s * kinds.size() + k] = spares;
            }
        }
        return new Fleet(siteNames, List.of("BITMAIN"), kinds, machinesPerSite.clone(), ths, sockets, sparesArr, hubs);
    }

    static Regime bench(double rate, double median, double sigma) {
        return new Regime(rate, 0, 1, 0, 0, 0, DiscreteDuration.lognormal(median, sigma), 0,
                DiscreteDuration.fixed(1), 0, 21, true, 10_000);
    }

    static Regime mixed(double rate, double bench, double vendor, double onshore, double scrap, double held,
            double excluded, boolean orders) {
        return new Regime(rate, 0, bench, vendor, onshore, scrap, DiscreteDuration.lognormal(6, 0.5), held,
                DiscreteDuration.lognormal(20, 0.9), excluded, 21, orders, 25_000);
    }

    static Period period(Fleet fleet, Regime regime, List<HubState> hubs) {
        Regime[] all = new Regime[fleet.vendors().size() * fleet.partKinds().size()];
        java.util.Arrays.fill(all, regime);
        return new Period(all, hubs);
    }

    static List<HubState> uncapacitated(List<Hub> hubs) {
        List<HubState> out = new ArrayList<>();
        for (Hub h : hubs) {
            out.add(new HubState(true, Integer.MAX_VALUE, h.turnaroundDays()));
        }
        return Collections.unmodifiableList(out);
    }

    static MonteCarloForecast engine(Fleet fleet, int horizon, int warmup, int reps, long seed, int threads) {
        return new MonteCarloForecast(fleet, new MonteCarloForecast.Settings(horizon, warmup, reps, seed, 7, threads));
    }
}
