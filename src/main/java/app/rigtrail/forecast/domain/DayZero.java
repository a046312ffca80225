package app.rigtrail.forecast.domain;

import static app.rigtrail.forecast.domain.RandomStreams.LIVE;
import static app.rigtrail.forecast.domain.RandomStreams.STEADY;
import static app.rigtrail.forecast.domain.RandomStreams.stream;

import java.util.List;
import java.util.SplittableRandom;

import app.rigtrail.forecast.domain.Fleet.Hub;
import app.rigtrail.forecast.domain.Plan.HubState;
import app.rigtrail.forecast.domain.Plan.Period;
import app.rigtrail.forecast.domain.Plan.Regime;

/**
 * A replication's day 0, before its first simulated day: the live state as the database holds it, or
 * a draw of the steady state. Written into the replica's arrays with its own stage moves, queues and
 * arrivals, so that the day step takes it from there.
 */
final class DayZero {

    private DayZero() {
    }

    /**
     * Day 0 as the database holds it: each open item placed at its stage with the time left in it
     * drawn given the time already spent (the residual life), machines down without an item given a
     * return day, open purchase orders due on their dates. One stream per replication, the same for
     * every scenario (they share day 0).
     */
    static void live(Replica x, int r) {
        LiveState live = x.fleet.live();
        if (live == null) {
            return;
        }
        SplittableRandom u = stream(x.settings.seed(), LIVE, 0, r);
        Period period = x.c.periods[x.c.periodOf(0)];
        for (int sv = 0; sv < x.svCount; sv++) {
            int n = live.downWithoutItem()[sv];
            if (n == 0) {
                continue;
            }
            x.down(sv, n);
            for (int i = 0; i < n; i++) {
                int back = 1 + (int) (-live.otherDownMeanDays() * Math.log(1 - u.nextDouble()));
                if (back < x.days) {
                    x.release[back * x.svCount + sv]++;
                }
            }
        }
        List<Hub> hubs = x.fleet.hubs();
        for (LiveState.Item item : live.items()) {
            int cell = item.cell();
            int sv = x.cellSv[cell];
            int site = sv / x.vendors;
            Regime regime = period.regime(cell, x.cellVk[cell]);
            double v = u.nextDouble();
            boolean down = item.machineDown();
            switch (item.stage()) {
                case AWAITING_DIAGNOSIS -> {
                    if (down) {
                        x.down(sv, 1);
                    }
                    x.enter(sv, Stage.AWAITING_DIAGNOSIS, 0, 1);
                    x.queues.enqueue(x.hubCount + site, 0, cell * 2 + (down ? 1 : 0), 1);
                    continue;
                }
                case AWAITING_SPARE -> {
                    if (down) {
                        x.waitDown[cell]++;
                        x.unlinkedDown[cell]++;
                        x.down(sv, 1);
                    } else {
                        x.waitUp[cell]++;
                    }
                    x.enter(sv, Stage.AWAITING_SPARE, 0, 1);
                    continue;
                }
                case ON_ORDER, LOST -> throw new IllegalArgumentException("not a backlog stage: " + item.stage());
                default -> {
                    // the part is in the pipeline; its machine, if down, waits for any spare of the pool
                    if (down) {
                        x.waitDown[cell]++;
                        x.down(sv, 1);
                    }
                }
            }
            int h = item.hub();
            switch (item.stage()) {
                case BENCH_REPAIR -> {
                    int back = regime.bench().residual(item.ageDays(), v);
                    x.move(sv, Stage.BENCH_REPAIR, 0, back, 1);
                    x.arrive(cell, back, 1);
                }
                case AWAITING_RMA_SHIPMENT -> {
                    int route = item.route() >= 0 ? item.route()
                            : v * (regime.vendorHubShare() + regime.onshoreShare()) < regime.vendorHubShare() ? 0 : 1;
                    x.outbound[cell * 2 + route]++;
                    x.siteOutbound[site]++;
                    x.enter(sv, Stage.AWAITING_RMA_SHIPMENT, 0, 1);
                }
                case IN_TRANSIT -> {
                    int left = 1 + (int) (v * hubs.get(h).meanTransit());
                    x.move(sv, Stage.IN_TRANSIT, 0, left, 1);
                    x.enter(sv, Stage.HUB_QUEUE, Math.min(left, x.days), 1);
                    x.queues.enqueue(h, left, cell, 1);
                }
                case CUSTOMS_HOLD -> {
                    DiscreteDuration law = item.inbound() || h < 0 ? regime.hold() : regime.outboundHold();
                    int left = law.residual(Double.isNaN(item.ageDays()) ? 0 : item.ageDays(), v);
                    x.move(sv, Stage.CUSTOMS_HOLD, 0, left, 1);
                    if (item.inbound() || h < 0) {
                        x.arrive(cell, left, 1);
                    } else {
                        x.enter(sv, Stage.HUB_QUEUE, Math.min(left, x.days), 1);
                        x.queues.enqueue(h, left, cell, 1);
                    }
                }
                case HUB_QUEUE -> {
                    x.enter(sv, Stage.HUB_QUEUE, 0, 1);
                    x.queues.enqueue(h, 0, cell, 1);
                }
                case HUB_REPAIR -> {
                    HubState state = x.c.periods[x.c.periodOf(0)].hubs().get(h);
                    int left = 1 + (int) (v * state.turnaroundDays());
                    if (state.servers() > 0) {
                        // a server of the hub is x.busy with it until then
                        x.busy[h]++;
                        x.freeing[h][Math.min(left, x.days)]++;
                    }
                    x.move(sv, Stage.HUB_REPAIR, 0, left, 1);
                    x.sendBack(h, cell, sv, site, left, left, 1, regime);
                }
                case RETURNING -> {
                    int left = 1 + (int) (v * (h < 0 ? 3 : hubs.get(h).meanTransit()));
                    x.move(sv, Stage.RETURNING, 0, left, 1);
                    x.arrive(cell, left, 1);
                }
                default -> throw new IllegalStateException(item.stage().name());
            }
        }
        for (LiveState.Order o : live.orders()) {
            int day = Math.max(1, o.day());
            x.move(x.cellSv[o.cell()], Stage.ON_ORDER, 0, day, o.quantity());
            x.arrive(o.cell(), day, o.quantity());
        }
    }

    /**
     * Day 0 as the stationary state of the period in force on it (the steady-state start): what a
     * warm-up long enough would reach, drawn directly. Each stage of the pipeline is an
     * infinite-server stage fed by the pool's thinned failures: its items are Poisson with mean
     * (flow x mean time in the stage) and each has the equilibrium residual P(R = r) = P(D >= r) /
     * E[D] (the exact stationary law of an M/G/inf stage; the stages of a tandem of them are
     * independent). An item's later stages are drawn as the simulation draws them. Parts awaiting
     * shipment are the x.days since the site's last shipment on the route times the flow. A hub of
     * servers takes at most its servers in repair, the rest queue (exact in the limit of a lightly
     * loaded hub; a hub at or above its capacity has no steady state and its queue builds from day
     * 0). The shelves follow from the pipeline: spares on hand minus parts away (negative: machines
     * down waiting), and machines found with a spare are down for their swap's residual. Not
     * carried: the thinning by machines down (they are few when shelves are stocked), shipments
     * in flight held or batched as a whole (they widen the spread, not the mean), parts excluded at
     * the border, the technicians' queue (empty at day's end below their capacity).
     */
    static void steady(Replica x, int r) {
        SplittableRandom u = stream(x.settings.seed(), STEADY, 0, r);
        int p = x.c.periodOf(0);
        Period period = x.c.periods[p];
        List<Hub> hubs = x.fleet.hubs();
        for (int cell = 0; cell < x.cells; cell++) {
            double lambda = x.meanPerDay[p][cell];
            if (lambda <= 0) {
                continue;
            }
            int sv = x.cellSv[cell];
            int site = sv / x.vendors;
            int vk = x.cellVk[cell];
            Regime regime = period.regime(cell, vk);
            DiscreteDuration hold = regime.hold();
            DiscreteDuration holdOut = regime.outboundHold();
            double bench = regime.benchShare();
            double bought = regime.scrapShare();
            int away = 0;
            for (int route = 0; route < 2; route++) {
                double share = route == 0 ? regime.vendorHubShare() : regime.onshoreShare();
                if (share <= 0) {
                    continue;
                }
                int h = x.c.hubFor[p][vk * 2 + route];
                if (h < 0) {
                    if (regime.fallback() == Plan.Fallback.BENCH) {
                        bench += share;
                    } else {
                        bought += share;
                    }
                    continue;
                }
                double flow = lambda * share;
                Hub hub = hubs.get(h);
                HubState state = period.hubs().get(h);
                DiscreteDuration leg = x.c.legLaw[h];
                DiscreteDuration repair = x.c.repairLaw[h];
                double heldOut = hub.crossesBorder() ? regime.heldShareOut() : 0;
                double heldIn = hub.crossesBorder() ? regime.heldShare() : 0;
                // awaiting shipment: the parts diagnosed since the site last shipped on this route
                int n = poisson(u, flow * Math.floorMod(site, x.c.shipEvery[site * 2 + route]));
                if (n > 0) {
                    x.outbound[cell * 2 + route] += n;
                    x.siteOutbound[site] += n;
                    x.enter(sv, Stage.AWAITING_RMA_SHIPMENT, 0, n);
                    away += n;
                }
                n = poisson(u, flow * leg.mean());
                for (int i = 0; i < n; i++) {
                    int at = leg.equilibrium().sample(u.nextDouble());
                    x.move(sv, Stage.IN_TRANSIT, 0, at, 1);
                    if (heldOut > 0 && u.nextDouble() < heldOut) {
                        int held = holdOut.sample(u.nextDouble());
                        x.move(sv, Stage.CUSTOMS_HOLD, at, at + held, 1);
                        at += held;
                    }
                    x.enter(sv, Stage.HUB_QUEUE, Math.min(at, x.days), 1);
                    x.queues.enqueue(h, at, cell, 1);
                }
                away += n;
                n = poisson(u, flow * heldOut * holdOut.mean());
                for (int i = 0; i < n; i++) {
                    int at = holdOut.equilibrium().sample(u.nextDouble());
                    x.move(sv, Stage.CUSTOMS_HOLD, 0, at, 1);
                    x.enter(sv, Stage.HUB_QUEUE, Math.min(at, x.days), 1);
                    x.queues.enqueue(h, at, cell, 1);
                }
                away += n;
                n = poisson(u, flow * repair.mean());
                for (int i = 0; i < n; i++) {
                    int left = repair.equilibrium().sample(u.nextDouble());
                    if (state.servers() > 0 && x.busy[h] >= state.servers()) {
                        x.enter(sv, Stage.HUB_QUEUE, 0, 1);
                        x.queues.enqueue(h, 0, cell, 1);
                        continue;
                    }
                    if (state.servers() > 0) {
                        x.busy[h]++;
                        x.freeing[h][Math.min(left, x.days)]++;
                    }
                    x.move(sv, Stage.HUB_REPAIR, 0, left, 1);
                    x.sendBack(h, cell, sv, site, left, left, 1, regime);
                }
                away += n;
                n = poisson(u, flow * leg.mean());
                for (int i = 0; i < n; i++) {
                    int at = leg.equilibrium().sample(u.nextDouble());
                    x.move(sv, Stage.RETURNING, 0, at, 1);
                    if (heldIn > 0 && u.nextDouble() < heldIn) {
                        int held = hold.sample(u.nextDouble());
                        x.move(sv, Stage.CUSTOMS_HOLD, at, at + held, 1);
                        at += held;
                    }
                    x.arrive(cell, at, 1);
                }
                away += n;
                n = poisson(u, flow * heldIn * hold.mean());
                for (int i = 0; i < n; i++) {
                    int at = hold.equilibrium().sample(u.nextDouble());
                    x.move(sv, Stage.CUSTOMS_HOLD, 0, at, 1);
                    x.arrive(cell, at, 1);
                }
                away += n;
            }
            int n = poisson(u, lambda * bench * regime.bench().mean());
            for (int i = 0; i < n; i++) {
                int at = regime.bench().equilibrium().sample(u.nextDouble());
                x.move(sv, Stage.BENCH_REPAIR, 0, at, 1);
                x.arrive(cell, at, 1);
            }
            away += n;
            if (bought > 0 && regime.ordersAllowed()) {
                DiscreteDuration law = x.c.boughtLaw[cell];
                n = poisson(u, lambda * bought * law.mean());
                for (int i = 0; i < n; i++) {
                    int at = law.equilibrium().sample(u.nextDouble());
                    x.move(sv, Stage.ON_ORDER, 0, at, 1);
                    x.arrive(cell, at, 1);
                }
                away += n;
            }
            // the x.shelf: spares less the parts away; below zero, machines down waiting for them
            int net = x.fleet.spares()[cell] - away;
            boolean wasOut = x.shelf[cell] == 0;
            if (net >= 0) {
                x.shelf[cell] = net;
                if (x.c.swapLaw != null) {
                    n = poisson(u, lambda * x.fleet.swapDays());
                    for (int i = 0; i < n; i++) {
                        int back = x.c.swapLaw.equilibrium().sample(u.nextDouble());
                        x.down(sv, 1);
                        if (back < x.days) {
                            x.release[back * x.svCount + sv]++;
                        }
                    }
                }
            } else {
                x.shelf[cell] = 0;
                x.waitDown[cell] -= net;
                x.down(sv, -net);
            }
            if (x.fleet.sockets()[cell] > 0 && wasOut != (x.shelf[cell] == 0)) {
                x.stockedOutNow += wasOut ? -1 : 1;
            }
        }
    }

    private static int poisson(SplittableRandom u, double mean) {
        double v = u.nextDouble();
        return mean <= 0 ? 0 : RandomStreams.poisson(v, mean, Math.exp(-mean));
    }
}
