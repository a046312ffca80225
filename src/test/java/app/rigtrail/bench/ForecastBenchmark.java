package app.rigtrail.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import app.rigtrail.forecast.domain.AnalyticForecast;
import app.rigtrail.forecast.domain.Baseline;
import app.rigtrail.forecast.domain.BuiltInScenarios;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.FleetDescription;
import app.rigtrail.forecast.domain.LiveState;
import app.rigtrail.forecast.domain.MonteCarloForecast;
import app.rigtrail.forecast.domain.Plan;
import app.rigtrail.forecast.domain.ScenarioResolver;
import app.rigtrail.forecast.domain.Stage;

/**
 * The forecast benchmarks, run by bench/forecast.sh. {@code reference}: the workload of issue #7,
 * 100,000 miners over 20 sites, 4 part kinds, 180 days, 3 scenarios x 1,000 replications from the
 * warm-up; {@code analytic}: the closed forms for the same (#12 item 3); {@code live}: the same from a
 * live state with 2% of the machines in the pipeline (#12 item 8a); {@code textbook}: the described
 * textbook fleet (#12 item 8b). Prints the wall time of each full forecast (the three built-in
 * scenarios, one after the other, each using every core), medians and ranges over the runs, and
 * failures simulated per second.
 */
public final class ForecastBenchmark {

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        double failureScale = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        List<String> sections = List.of((args.length > 4 ? args[4] : "reference,analytic,live,textbook").split(","));
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d cores; sections %s; %d measured runs after two warm-ups%n", threads, sections, runs);
        if (sections.contains("reference")) {
            reference(runs, reps, warmup, failureScale, threads);
        }
        if (sections.contains("analytic")) {
            analytic(runs, warmup, failureScale);
        }
        if (sections.contains("live")) {
            live(runs, reps, failureScale, threads);
        }
        if (sections.contains("textbook") || sections.contains("textbook-warmup")) {
            textbook(runs, reps, threads, sections.contains("textbook-warmup"));
        }
        if (sections.contains("orders")) {
            orders(runs, reps, warmup, failureScale, threads);
        }
        System.out.println(sink > 0 ? "" : " ");
    }

    /** Keeps the results alive so that nothing measured is optimised away. */
    private static double sink;

    private static final int HORIZON = 180;
    private static final LocalDate START = LocalDate.of(2026, 11, 23);

    private static List<Plan> builtIns(Baseline baseline, Fleet fleet, int warmup) {
        return ScenarioResolver.compileAll(
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList(),
                BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::parameters).toList(), baseline, fleet,
                START, warmup);
    }

    /** The median and range of a series of nanosecond timings, in seconds or milliseconds. */
    private static String spread(long[] nanos, double unit, String name) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(java.util.Locale.ROOT, "median %.3f %s (min %.3f, max %.3f) over %d runs",
                sorted[sorted.length / 2] / unit, name, sorted[0] / unit, sorted[sorted.length - 1] / unit, sorted.length);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Wall time of the three plans, one after the other, each using every core; two warm-ups first. */
    private static long[] timeMonteCarlo(MonteCarloForecast engine, List<Plan> plans, int runs, String label) {
        long[] nanos = new long[runs];
        for (int i = -2; i < runs; i++) {
            long t0 = System.nanoTime();
            for (MonteCarloForecast.Run run : engine.run(plans, MonteCarloForecast.Monitor.NONE)) {
                sink += run.hashrateDaysLost()[0];
            }
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                nanos[i] = t;
            }
            System.out.printf("  %s %s %.3f s%n", label, i < 0 ? "warm-up" : "run " + (i + 1), t / 1e9);
        }
        return nanos;
    }

    /** Failures a day over the fleet under the plan's first period. */
    private static double failuresPerDay(Fleet fleet, Plan plan) {
        double perDay = 0;
        int kinds = fleet.partKinds().size();
        for (int c = 0; c < fleet.cells(); c++) {
            int vk = (c / kinds) % fleet.vendors().size() * kinds + c % kinds;
            perDay += plan.before().regimes()[vk].failuresPerUnitYear() * fleet.sockets()[c] / 365.0;
        }
        return perDay;
    }

    /** Days simulated per replication: the shared past once, then each scenario from the effective day. */
    private static int simulatedDays(List<Plan> plans, int days) {
        int shared = Math.min(days, plans.get(0).shockDay());
        return shared + plans.size() * (days - shared);
    }

    /**
     * #15 item 6: the reference workload as ForecastService runs it (the Monte Carlo, then the orders
     * against the plan: ForecastGrowth), without open machine orders and with 50 of them at every stage
     * (on order, at the vendor, on the way, held in customs, waiting to be commissioned) over the 20 sites
     * and both vendors, and a plan of a target a month; run back to back, alternating, and the ratio of
     * the medians printed (target: within 10%).
     */
    private static void orders(int runs, int reps, int warmup, double failureScale, int threads) {
        Fleet fleet = referenceFleet(100_000, 20);
        Baseline baseline = referenceBaseline(fleet, failureScale);
        List<Plan> plans = builtIns(baseline, fleet, warmup);
        List<app.rigtrail.forecast.domain.ScenarioParameters> params = BuiltInScenarios.all().stream()
                .map(BuiltInScenarios.BuiltIn::parameters).toList();
        List<String> names = BuiltInScenarios.all().stream().map(BuiltInScenarios.BuiltIn::name).toList();
        MonteCarloForecast engine = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(HORIZON, warmup, reps, 42, 7, threads));
        java.util.Map<java.time.YearMonth, Double> targets = new java.util.TreeMap<>();
        for (int m = 0; m < 7; m++) {
            targets.put(java.time.YearMonth.from(START).plusMonths(m), fleet.nameplateThs() + 40_000.0 * (m + 1));
        }
        app.rigtrail.forecast.ForecastInputs.Orders none = new app.rigtrail.forecast.ForecastInputs.Orders(
                new app.rigtrail.forecast.domain.OrderPipeline.Book(List.of(), java.util.Map.of(), 3, 5, 1_650),
                targets, "the fleet", java.util.Map.of());
        app.rigtrail.forecast.ForecastInputs.Orders fifty = new app.rigtrail.forecast.ForecastInputs.Orders(
                fiftyOrders(fleet), targets, "the fleet", java.util.Map.of());
        System.out.printf("%nOrders (#15 item 6): the reference workload (%,d miners, 3 scenarios x %,d replications, "
                + "%d days) as ForecastService runs it, without and with 50 open machine orders (%,d machines)%n",
                fleet.totalMachines(), reps, HORIZON, fifty.book().orders().stream()
                        .mapToInt(o -> o.unitsToCome() + o.awaitingCommissioning()).sum());
        long[] without = new long[runs];
        long[] with = new long[runs];
        long[] alone = new long[runs];
        String[] labels = {"without orders  ", "with 50 orders  ", "Monte Carlo only"};
        for (int i = -2; i < runs; i++) {
            for (int k = 0; k < 3; k++) {
                app.rigtrail.forecast.ForecastInputs.Orders orders = k == 0 ? none : fifty;
                long t0 = System.nanoTime();
                List<MonteCarloForecast.Run> result = engine.run(plans, MonteCarloForecast.Monitor.NONE);
                if (k < 2) {
                    sink += app.rigtrail.forecast.ForecastGrowth.report(names, List.of(1L, 2L, 3L), params, orders,
                            fleet, plans, result, START, warmup, HORIZON, reps, 42, 0.05).growth().size();
                }
                long t = System.nanoTime() - t0;
                sink += result.get(0).hashrateDaysLost()[0];
                if (i >= 0) {
                    (k == 0 ? without : k == 1 ? with : alone)[i] = t;
                }
                System.out.printf("  %s %s %.3f s%n", labels[k], i < 0 ? "warm-up" : "run " + (i + 1), t / 1e9);
            }
        }
        System.out.printf("Without orders (Monte Carlo and the plan comparison): %s%n", spread(without, 1e9, "s"));
        System.out.printf("With 50 orders: %s%n", spread(with, 1e9, "s"));
        System.out.printf("Monte Carlo alone (the workload before #15): %s%n", spread(alone, 1e9, "s"));
        System.out.printf("  ratio of the medians, with / without: %.3f (target <= 1.10); with / Monte Carlo alone: %.3f%n",
                median(with) / median(without), median(with) / median(alone));
    }

    /** 50 open orders over the sites and vendors, at every stage, of 40 to 530 machines. */
    private static app.rigtrail.forecast.domain.OrderPipeline.Book fiftyOrders(Fleet fleet) {
        List<app.rigtrail.forecast.domain.OrderPipeline.Order> orders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String vendor = fleet.vendors().get(i % fleet.vendors().size());
            String site = fleet.sites().get(i % fleet.sites().size());
            int units = 40 + (i * 97) % 500;
            int ship = -20 + (i * 37) % 160;
            List<app.rigtrail.forecast.domain.OrderPipeline.Lot> lots = new ArrayList<>();
            int onOrder = units;
            int awaiting = 0;
            switch (i % 5) {
                case 1 -> {
                    lots.add(new app.rigtrail.forecast.domain.OrderPipeline.Lot(units / 2,
                            app.rigtrail.forecast.domain.OrderPipeline.LotStage.ON_THE_WAY, -5, 9 + i % 10, 0));
                    onOrder = units - units / 2;
                }
                case 2 -> {
                    lots.add(new app.rigtrail.forecast.domain.OrderPipeline.Lot(units,
                            app.rigtrail.forecast.domain.OrderPipeline.LotStage.HELD, -30, -10, 5 + i % 30));
                    onOrder = 0;
                }
                case 3 -> {
                    lots.add(new app.rigtrail.forecast.domain.OrderPipeline.Lot(units / 3,
                            app.rigtrail.forecast.domain.OrderPipeline.LotStage.AT_VENDOR, ship, ship + 14, 0));
                    awaiting = units / 3;
                    onOrder = units - 2 * (units / 3);
                }
                default -> {
                }
            }
            orders.add(new app.rigtrail.forecast.domain.OrderPipeline.Order(i, "MO" + i, vendor,
                    "BITMAIN".equals(vendor) ? "S21" : "M60S", site, "BITMAIN".equals(vendor) ? 200 : 186,
                    "BITMAIN".equals(vendor) ? 1_950_000 : 1_700_000, 30_000L * units, units + awaiting, 42, ship,
                    ship + 14, onOrder, awaiting, lots));
        }
        return new app.rigtrail.forecast.domain.OrderPipeline.Book(orders, java.util.Map.of(
                "MICROBT", new app.rigtrail.forecast.domain.OrderPipeline.Offer("MICROBT", "M60S", 186, 1_700_000, 60),
                "CANAAN", new app.rigtrail.forecast.domain.OrderPipeline.Offer("CANAAN", "A1466", 150, 1_000_000, 70)),
                3, 5, 1_650);
    }

    private static void reference(int runs, int reps, int warmup, double failureScale, int threads) {
        Fleet fleet = referenceFleet(100_000, 20);
        Baseline baseline = referenceBaseline(fleet, failureScale);
        List<Plan> plans = builtIns(baseline, fleet, warmup);
        MonteCarloForecast engine = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(HORIZON, warmup, reps, 42, 7, threads));
        System.out.printf("%nReference workload: %,d miners, %d sites, %d vendors, %d part kinds, %d pools, %d hubs; "
                + "%d days (+%d warm-up), %d scenarios x %,d replications, %d threads%n", fleet.totalMachines(),
                fleet.sites().size(), fleet.vendors().size(), fleet.partKinds().size(), fleet.cells(),
                fleet.hubs().size(), HORIZON, warmup, plans.size(), reps, threads);
        long[] nanos = timeMonteCarlo(engine, plans, runs, "from the warm-up");
        double median = median(nanos) / 1e9;
        int simulatedDays = simulatedDays(plans, HORIZON + warmup);
        double failuresPerDay = failuresPerDay(fleet, plans.get(0));
        double poolDays = (double) fleet.cells() * simulatedDays * reps;
        double failures = failuresPerDay * simulatedDays * reps;
        System.out.printf("  shared past: %d of %d days; %d pool-days simulated per replication (%d without sharing)%n",
                Math.min(HORIZON + warmup, plans.get(0).shockDay()), HORIZON + warmup, fleet.cells() * simulatedDays,
                fleet.cells() * (HORIZON + warmup) * plans.size());
        System.out.printf("Monte Carlo, 3 scenarios from the warm-up: %s%n", spread(nanos, 1e9, "s"));
        System.out.printf("  %.1f million pool-day updates per second, %.1f million failures per second (%,.0f failures "
                + "a day in the fleet)%n", poolDays / median / 1e6, failures / median / 1e6, failuresPerDay);
    }

    /**
     * #12 item 3: the analytic path for the three built-ins as ForecastService calls it, from the steady
     * state (AnalyticForecast.steady: the stationary pre-history in closed form after a few weeks run
     * explicitly), and, back to back in the same process, from an empty pipeline after the benchmark's
     * warm-up and after 365 days (how it was called before), against the direct convolution.
     */
    private static void analytic(int runs, int warmup, double failureScale) {
        Fleet fleet = referenceFleet(100_000, 20);
        Baseline baseline = referenceBaseline(fleet, failureScale);
        System.out.printf("%nAnalytic path (M_t/G/inf + Palm), reference fleet, 3 scenarios, %d days:%n", HORIZON);
        int pre = AnalyticForecast.steadyWarmupDays(fleet, 7);
        List<Plan> steadyPlans = builtIns(baseline, fleet, pre);
        List<Plan> fromWarmup = builtIns(baseline, fleet, warmup);
        List<Plan> fromYear = builtIns(baseline, fleet, app.rigtrail.forecast.ForecastService.WARMUP_DAYS);
        int n = Math.max(runs, 30);
        long[][] t = new long[3][n];
        // 100 unmeasured rounds first, so that the loops are compiled before anything is measured; the three
        // forms alternate round by round
        for (int i = -100; i < n; i++) {
            for (int form = 0; form < 3; form++) {
                long t0 = System.nanoTime();
                if (form == 0) {
                    // as ForecastService calls it: the three plans in one call (the baseline's laws shared)
                    for (AnalyticForecast.Result r : AnalyticForecast.steady(fleet, steadyPlans, pre, HORIZON, 7)) {
                        sink += r.unitsDown()[0];
                    }
                }
                for (int j = 0; j < 3 && form > 0; j++) {
                    sink += switch (form) {
                        case 1 -> AnalyticForecast.run(fleet, fromWarmup.get(j), warmup, HORIZON, 7).unitsDown()[0];
                        default -> AnalyticForecast.run(fleet, fromYear.get(j), app.rigtrail.forecast.ForecastService
                                .WARMUP_DAYS, HORIZON, 7).unitsDown()[0];
                    };
                }
                if (i >= 0) {
                    t[form][i] = System.nanoTime() - t0;
                }
            }
        }
        long[] direct = new long[Math.max(3, runs / 2)];
        for (int i = -1; i < direct.length; i++) {
            long t0 = System.nanoTime();
            for (Plan p : fromWarmup) {
                sink += app.rigtrail.forecast.domain.DirectAnalyticForecast.run(fleet, p, warmup, HORIZON, 7)[2][0];
            }
            if (i >= 0) {
                direct[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("  from the steady state (%d days run explicitly, as ForecastService calls it): %s%n", pre,
                spread(t[0], 1e6, "ms"));
        System.out.printf("  from an empty pipeline after a %d-day warm-up: %s%n", warmup, spread(t[1], 1e6, "ms"));
        System.out.printf("  from an empty pipeline after a %d-day warm-up: %s%n",
                app.rigtrail.forecast.ForecastService.WARMUP_DAYS, spread(t[2], 1e6, "ms"));
        System.out.printf("  the direct convolution after %d days: %s%n", warmup, spread(direct, 1e6, "ms"));
    }

    /**
     * #12 item 8 (a): the reference workload from a live state with about 2% of the machines in the
     * pipeline, items at every stage (start now: no warm-up). Times building the LiveState in the
     * engine's indexes from a list of backlog rows (what LiveStateReader does after its query), and the
     * Monte Carlo from it; the same run from an empty pipeline without warm-up shows what loading the
     * live state into every replication costs.
     */
    private static void live(int runs, int reps, double failureScale, int threads) {
        Fleet fleet = referenceFleet(100_000, 20);
        Baseline baseline = referenceBaseline(fleet, failureScale);
        List<Plan> plans = builtIns(baseline, fleet, 0);
        List<BacklogRow> rows = backlogRows(fleet, 0.02, 7);
        long[] build = new long[Math.max(runs, 15)];
        LiveState state = null;
        for (int i = -10; i < build.length; i++) {
            long t0 = System.nanoTime();
            state = liveState(fleet, rows);
            if (i >= 0) {
                build[i] = System.nanoTime() - t0;
            }
        }
        int[] perStage = state.stageCounts();
        StringBuilder stages = new StringBuilder();
        for (Stage st : Stage.values()) {
            if (perStage[st.ordinal()] > 0) {
                stages.append(String.format(" %s %d", st.name().toLowerCase(), perStage[st.ordinal()]));
            }
        }
        System.out.printf("%nLive state: %,d open items (%.1f%% of %,d machines), %,d machines down;%s%n",
                state.items().size(), 100.0 * state.items().size() / fleet.totalMachines(), fleet.totalMachines(),
                state.machinesDown(), stages);
        System.out.printf("  building the LiveState from %,d backlog rows: %s%n", rows.size(), spread(build, 1e6, "ms"));
        Fleet withLive = fleet.with(fleet.technicians(), fleet.swapDays(), state);
        MonteCarloForecast engine = new MonteCarloForecast(withLive,
                new MonteCarloForecast.Settings(HORIZON, 0, reps, 42, 7, threads));
        long[] fromLive = timeMonteCarlo(engine, plans, runs, "from the live state");
        MonteCarloForecast empty = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(HORIZON, 0, reps, 42, 7, threads));
        long[] fromEmpty = timeMonteCarlo(empty, plans, runs, "from an empty pipeline");
        double median = median(fromLive) / 1e9;
        System.out.printf("Monte Carlo, 3 scenarios x %,d replications from the live state: %s%n", reps,
                spread(fromLive, 1e9, "s"));
        System.out.printf("  the same from an empty pipeline without warm-up: %s; loading the live state into every "
                + "replication adds %.0f ms%n", spread(fromEmpty, 1e9, "s"), (median(fromLive) - median(fromEmpty)) / 1e6);
        double failures = failuresPerDay(fleet, plans.get(0)) * simulatedDays(plans, HORIZON) * reps;
        System.out.printf("  %.1f million failures per second%n", failures / median / 1e6);
    }

    /** One open backlog item as the dashboard lists it: stage, site, vendor, part kind, hub, age, machine down. */
    public record BacklogRow(Stage stage, String site, String vendor, String kind, String hub, double ageDays, boolean inbound,
            boolean machineDown) {
    }

    /**
     * About {@code share} of the machines with an open item, spread over every backlog stage in the
     * proportions a pipeline of bench repairs, weekly shipments, holds and hub turnarounds gives.
     */
    public static List<BacklogRow> backlogRows(Fleet fleet, double share, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        Stage[] stages = {Stage.AWAITING_DIAGNOSIS, Stage.AWAITING_SPARE, Stage.BENCH_REPAIR,
            Stage.AWAITING_RMA_SHIPMENT, Stage.IN_TRANSIT, Stage.CUSTOMS_HOLD, Stage.HUB_QUEUE, Stage.HUB_REPAIR,
            Stage.RETURNING};
        double[] weights = {0.03, 0.05, 0.22, 0.10, 0.12, 0.10, 0.08, 0.20, 0.10};
        long total = fleet.totalMachines();
        int n = (int) Math.round(share * total);
        double[] sockets = new double[fleet.cells()];
        double all = 0;
        for (int c = 0; c < fleet.cells(); c++) {
            all += fleet.sockets()[c];
            sockets[c] = all;
        }
        List<BacklogRow> rows = new ArrayList<>();
        int kinds = fleet.partKinds().size();
        int vendors = fleet.vendors().size();
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * all;
            int cell = 0;
            while (sockets[cell] <= x) {
                cell++;
            }
            int sv = cell / kinds;
            String vendor = fleet.vendors().get(sv % vendors);
            String kind = fleet.partKinds().get(cell % kinds);
            double y = rnd.nextDouble();
            int st = 0;
            while (st < stages.length - 1 && y >= weights[st]) {
                y -= weights[st];
                st++;
            }
            Stage stage = stages[st];
            String hub = null;
            if (stage.ordinal() >= Stage.IN_TRANSIT.ordinal()) {
                for (Fleet.Hub h : fleet.hubs()) {
                    if (h.takes(vendor, kind) && (hub == null || rnd.nextBoolean())) {
                        hub = h.code();
                    }
                }
                if (hub == null) {
                    stage = Stage.BENCH_REPAIR; // no hub takes that kind (fans): repaired on the bench
                }
            }
            rows.add(new BacklogRow(stage, fleet.sites().get(sv / vendors), vendor, kind, hub,
                    stage == Stage.CUSTOMS_HOLD || stage == Stage.BENCH_REPAIR ? rnd.nextDouble() * 30 : Double.NaN,
                    rnd.nextBoolean(), rnd.nextDouble() < 0.35));
        }
        return rows;
    }

    /** The rows in the engine's indexes: cell, hub and route, as LiveStateReader maps the dashboard's items. */
    public static LiveState liveState(Fleet fleet, List<BacklogRow> rows) {
        java.util.Map<String, Integer> sites = new java.util.HashMap<>();
        java.util.Map<String, Integer> hubs = new java.util.HashMap<>();
        for (int s = 0; s < fleet.sites().size(); s++) {
            sites.put(fleet.sites().get(s), s);
        }
        for (int h = 0; h < fleet.hubs().size(); h++) {
            hubs.put(fleet.hubs().get(h).code(), h);
        }
        List<LiveState.Item> items = new ArrayList<>(rows.size());
        for (BacklogRow r : rows) {
            int cell = fleet.cell(sites.get(r.site()), fleet.vendors().indexOf(r.vendor()),
                    fleet.partKinds().indexOf(r.kind()));
            int hub = r.hub() == null ? -1 : hubs.get(r.hub());
            int route = hub < 0 ? -1 : fleet.hubs().get(hub).route().ordinal();
            items.add(new LiveState.Item(r.stage(), cell, hub, route, r.ageDays(), r.inbound(), r.machineDown()));
        }
        int[] downWithout = new int[fleet.machines().length];
        for (int sv = 0; sv < downWithout.length; sv++) {
            downWithout[sv] = fleet.machines()[sv] / 2000;
        }
        List<LiveState.Order> orders = new ArrayList<>();
        for (int c = 0; c < fleet.cells(); c += 5) {
            if (fleet.sockets()[c] > 0) {
                orders.add(new LiveState.Order(c, 10 + c % 40, 1 + c % 4));
            }
        }
        return new LiveState(items, downWithout, 5, orders);
    }

    /**
     * #12 item 8 (b): the textbook fleet, described: 100,000 miners over 20 sites, 3 hashboards, 4
     * fans, 1 PSU and 1 control board each, 0.06/0.03/0.04/0.02 failures a year; 40% to the bench,
     * 60% to one vendor hub of 400 parallel servers (5 days a repair) across the border, held both
     * ways; the built-ins from day 30; 180 days from the steady state (its draw replaces the 365-day
     * warm-up), and for comparison after the 365 days simulated from an empty pipeline.
     */
    private static void textbook(int runs, int reps, int threads, boolean withWarmup) {
        long t0 = System.nanoTime();
        FleetDescription.Compiled c = textbookFleet(100_000, 20).compile();
        long compile = System.nanoTime() - t0;
        Fleet fleet = c.fleet();
        List<Plan> plans = builtIns(c.baseline(), fleet, 0);
        double failuresPerDay = failuresPerDay(fleet, plans.get(0));
        System.out.printf("%nTextbook fleet (described): %,d miners, %d sites, %d pools, hub %s (%d servers, %d days a "
                + "repair); %,.0f failures a day; shock on day %d; %d days; %d scenarios x %,d replications; described fleet "
                + "compiled in %.1f ms%n", fleet.totalMachines(), fleet.sites().size(), fleet.cells(),
                fleet.hubs().get(0).code(), c.baseline().hubs().get(0).servers(),
                c.baseline().hubs().get(0).turnaroundDays(), failuresPerDay, plans.get(0).shockDay(), HORIZON,
                plans.size(), reps, compile / 1e6);
        MonteCarloForecast steady = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(HORIZON, 0, reps, 42, 7, threads, true));
        long[] nanos = timeMonteCarlo(steady, plans, runs, "textbook from the steady state");
        double median = median(nanos) / 1e9;
        double failures = failuresPerDay * simulatedDays(plans, HORIZON) * reps;
        System.out.printf("Monte Carlo, textbook fleet, 3 scenarios from the steady state (no warm-up simulated): %s%n",
                spread(nanos, 1e9, "s"));
        System.out.printf("  %.1f million failures per second (%,.0f failures simulated per forecast; shared past %d of "
                + "%d days)%n", failures / median / 1e6, failures, Math.min(HORIZON, plans.get(0).shockDay()), HORIZON);
        if (!withWarmup) {
            return;
        }
        int warmup = 365;
        List<Plan> warmPlans = builtIns(c.baseline(), fleet, warmup);
        MonteCarloForecast warm = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(HORIZON, warmup, reps, 42, 7, threads));
        long[] warmNanos = timeMonteCarlo(warm, warmPlans, Math.max(3, runs / 2), "textbook after 365 days simulated");
        double warmFailures = failuresPerDay * simulatedDays(warmPlans, HORIZON + warmup) * reps;
        System.out.printf("  the same after a %d-day warm-up simulated from an empty pipeline: %s, %.1f million failures "
                + "per second%n", warmup, spread(warmNanos, 1e9, "s"), warmFailures / (median(warmNanos) / 1e9) / 1e6);
    }

    public static FleetDescription textbookFleet(int miners, int siteCount) {
        List<FleetDescription.SiteInput> sites = new ArrayList<>();
        int[][] perKind = {{3, 4, 1, 1}};
        String[] kinds = {"HASHBOARD", "FAN", "PSU", "CONTROL_BOARD"};
        for (int s = 0; s < siteCount; s++) {
            int here = miners / siteCount + (s < miners % siteCount ? 1 : 0);
            java.util.Map<String, Integer> spares = new java.util.LinkedHashMap<>();
            for (int k = 0; k < 4; k++) {
                spares.put(kinds[k], Math.max(2, here * perKind[0][k] / 300));
            }
            sites.add(new FleetDescription.SiteInput("S" + (s + 1), java.util.Map.of("BITMAIN", here),
                    java.util.Map.of("BITMAIN", 200.0), java.util.Map.of("BITMAIN", spares), null));
        }
        double[] rates = {0.06, 0.03, 0.04, 0.02};
        FleetDescription.Law bench = new FleetDescription.Law("LOGNORMAL", 5.0, 0.6, null, null, null, null);
        List<FleetDescription.PartInput> parts = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            parts.add(new FleetDescription.PartInput("BITMAIN", kinds[k], perKind[0][k], rates[k], 0.4, 0.6, 0.0, 0.0,
                    bench, 0.05, 0.05, 0.0, 30));
        }
        List<FleetDescription.HubInput> hubs = List.of(new FleetDescription.HubInput("HUB", "VENDOR_HUB",
                List.of("BITMAIN"), List.of(kinds), true, 10, null, 5, 400, null, null));
        return new FleetDescription(sites, parts, hubs,
                new FleetDescription.Law("LOGNORMAL", 10.0, 1.0, null, null, null, null), 365, 0.0);
    }

    /** Sites of 5,000 machines each on average (between 2,000 and 8,000), 85% Bitmain S21, 15% MicroBT M60S. */
    public static Fleet referenceFleet(int miners, int siteCount) {
        List<String> sites = new ArrayList<>();
        List<String> vendors = List.of("BITMAIN", "MICROBT");
        List<String> kinds = List.of("HASHBOARD", "FAN", "PSU", "CONTROL_BOARD");
        int[] machines = new int[siteCount * 2];
        double[] ths = new double[siteCount * 2];
        int[] sockets = new int[siteCount * 2 * 4];
        int[] spares = new int[siteCount * 2 * 4];
        int[][] perMachine = {{3, 4, 1, 1}, {3, 2, 0, 1}};
        double[] weights = new double[siteCount];
        double total = 0;
        for (int s = 0; s < siteCount; s++) {
            weights[s] = 2 + 6.0 * s / Math.max(1, siteCount - 1);
            total += weights[s];
        }
        int left = miners;
        for (int s = 0; s < siteCount; s++) {
            sites.add("SITE" + (s + 1));
            int here = s == siteCount - 1 ? left : (int) Math.round(miners * weights[s] / total);
            left -= here;
            int bitmain = (int) Math.round(here * 0.85);
            machines[s * 2] = bitmain;
            machines[s * 2 + 1] = here - bitmain;
            ths[s * 2] = 200;
            ths[s * 2 + 1] = 186;
            for (int v = 0; v < 2; v++) {
                for (int k = 0; k < 4; k++) {
                    int c = (s * 2 + v) * 4 + k;
                    sockets[c] = machines[s * 2 + v] * perMachine[v][k];
                    spares[c] = sockets[c] == 0 ? 0 : Math.max(2, sockets[c] / 400);
                }
            }
        }
        List<Fleet.Hub> hubs = List.of(
                new Fleet.Hub("BM-SZ", Fleet.Route.VENDOR_HUB, List.of("BITMAIN"), List.of("HASHBOARD", "PSU", "CONTROL_BOARD"),
                        true, 12, 400, 28),
                new Fleet.Hub("MB-MY", Fleet.Route.VENDOR_HUB, List.of("MICROBT"), List.of("HASHBOARD", "CONTROL_BOARD"),
                        true, 12, 150, 30),
                new Fleet.Hub("OP-GA", Fleet.Route.ONSHORE_PARTNER, List.of("BITMAIN", "MICROBT"),
                        List.of("HASHBOARD", "PSU", "CONTROL_BOARD"), false, 3, 60, 14),
                new Fleet.Hub("OP-TX", Fleet.Route.ONSHORE_PARTNER, List.of("BITMAIN", "MICROBT"),
                        List.of("HASHBOARD", "PSU"), false, 3, 40, 12));
        return new Fleet(sites, vendors, kinds, machines, ths, sockets, spares, hubs);
    }

    /**
     * The app's prior failure rates (11.5 failures per 100 machines a year; {@code scale} 0.43 gives the
     * 5% of a normal batch), route shares, holds and hubs as the demo data has them.
     */
    public static Baseline referenceBaseline(Fleet fleet, double scale) {
        double[] rates = {0.015 * scale, 0.01 * scale, 0.02 * scale, 0.005 * scale};
        Baseline.Vendorkind[] vk = new Baseline.Vendorkind[fleet.vendors().size() * 4];
        for (int v = 0; v < fleet.vendors().size(); v++) {
            for (int k = 0; k < 4; k++) {
                boolean fan = k == 1;
                vk[v * 4 + k] = new Baseline.Vendorkind(rates[k], 400, fan ? 0.2 : 0.35, fan ? 0 : 0.45,
                        fan ? 0 : 0.05, fan ? 0.8 : 0.15, 5, 0.6, 0.12, 0.05, 21, 30_000);
            }
        }
        List<app.rigtrail.forecast.domain.Plan.HubState> hubs = fleet.hubs().stream()
                .map(h -> new app.rigtrail.forecast.domain.Plan.HubState(true, h.capacityPerWeek(), h.turnaroundDays()))
                .toList();
        double mu = Math.log(14);
        return new Baseline(vk, t -> 1 - new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                .cumulativeProbability((Math.log(t) - mu) / 1.1), "lognormal median 14 d, sigma 1.1", hubs);
    }
}
