package app.rigtrail.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.forecast.domain.AnalyticForecast;
import app.rigtrail.forecast.domain.Band;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.FleetDescription;
import app.rigtrail.forecast.domain.MonteCarloForecast;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.ForecastResult.Analytic;
import app.rigtrail.forecast.ForecastResult.Difference;
import app.rigtrail.forecast.ForecastResult.FleetSeries;
import app.rigtrail.forecast.ForecastResult.Group;
import app.rigtrail.forecast.ForecastResult.ScenarioResult;
import app.rigtrail.forecast.ForecastResult.ScenarioUsed;
import app.rigtrail.forecast.ForecastResult.Totals;
import app.rigtrail.forecast.domain.Plan;
import app.rigtrail.forecast.domain.ReplicationStatistics;
import app.rigtrail.forecast.domain.ReplicationStatistics.DailyBand;
import app.rigtrail.forecast.domain.ReplicationStatistics.DailyInterval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Interval;
import app.rigtrail.forecast.domain.ReplicationStatistics.Summary;
import app.rigtrail.forecast.domain.ScenarioParameters;
import app.rigtrail.forecast.domain.ScenarioResolver;
import app.rigtrail.forecast.domain.Stage;

import static app.rigtrail.forecast.domain.ReplicationStatistics.round;
import static app.rigtrail.forecast.domain.ReplicationStatistics.rounded;
import app.rigtrail.platform.web.FieldViolation;
import app.rigtrail.platform.web.ProblemException;

/**
 * Runs a forecast: reads the fleet and its baseline, compiles each scenario, runs the Monte Carlo
 * (common random numbers across the scenarios) and the analytic path, and keeps the result with
 * everything it was computed from, seed included.
 */
@ApplicationScoped
public class ForecastService {

    /**
     * A year: longer than an overseas round trip with its longest holds, where a pipeline started empty
     * has reached its steady state. Neither path simulates it any more: the Monte Carlo's
     * {@code "start":"warmup"} draws day 0 from the steady state (Palm; Settings.steadyStart,
     * SteadyStartTest) and the analytic path starts from it in closed form (AnalyticForecast.steady),
     * unless a described fleet gives warmupDays to simulate from an empty pipeline. The benchmark
     * still times the analytic path after it, against the steady form.
     */
    public static final int WARMUP_DAYS = 365;
    public static final String START_NOW = "now";
    public static final String START_WARMUP = "warmup";
    public static final int SHIP_EVERY_DAYS = 7;
    public static final double DEFAULT_HASHPRICE = 0.05;

    /** The request of POST /api/forecasts. */
    public record ForecastRequest(List<Long> scenarios,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(minimum = "30", maximum = "365", defaultValue = "180") Integer horizonDays,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(minimum = "2", maximum = "10000", defaultValue = "1000") Integer replications, Long seed,
            FilterInput filter, @org.eclipse.microprofile.openapi.annotations.media.Schema(minimum = "0", maximum = "10") Double hashpriceUsdPerThDay, LocalDate startDate,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(enumeration = {"now", "warmup"}) String start,
            Map<String, Integer> techniciansPerSite,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "A described fleet used instead "
                    + "of the database's (see docs/scenarios.md, \"A described fleet\"): sites (code, machines and "
                    + "thsPerMachine per vendor, spares per vendor and part kind, technicians), parts (vendor, kind, "
                    + "perMachine, failuresPerUnitYear 0..5, benchShare/vendorHubShare/onshoreShare/scrapShare adding up "
                    + "to 1, bench law {type LOGNORMAL median sigma | WEIBULL shape scale | EXPONENTIAL mean | FIXED "
                    + "days}, heldShare, heldShareOut, excludedShare, leadDays), hubs (code, route VENDOR_HUB or "
                    + "ONSHORE_PARTNER, vendors, partKinds, crossesBorder, transitDays, capacityPerWeek or none for "
                    + "unlimited, turnaroundDays), hold law, warmupDays (left out: day 0 drawn from the steady state; "
                    + "given: that many days simulated from an empty pipeline), swapDays. \"start\":\"now\" is "
                    + "refused with it.")
            FleetDescription fleet,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Days between shipments to "
                    + "repair hubs per site and route, 1 (daily) to 28: {\"TX1\": {\"vendorHub\": 7, "
                    + "\"onshorePartner\": 1}}; sites and routes left out ship weekly.")
            Map<String, Cadence> shipEveryDays) {

        public ForecastRequest(List<Long> scenarios, Integer horizonDays, Integer replications, Long seed,
                FilterInput filter, Double hashpriceUsdPerThDay, LocalDate startDate, String start,
                Map<String, Integer> techniciansPerSite, FleetDescription fleet) {
            this(scenarios, horizonDays, replications, seed, filter, hashpriceUsdPerThDay, startDate, start,
                    techniciansPerSite, fleet, null);
        }

        public ForecastRequest(List<Long> scenarios, Integer horizonDays, Integer replications, Long seed,
                FilterInput filter, Double hashpriceUsdPerThDay, LocalDate startDate) {
            this(scenarios, horizonDays, replications, seed, filter, hashpriceUsdPerThDay, startDate, null, null, null);
        }

        public ForecastRequest(List<Long> scenarios, Integer horizonDays, Integer replications, Long seed,
                FilterInput filter, Double hashpriceUsdPerThDay, LocalDate startDate, String start,
                Map<String, Integer> techniciansPerSite) {
            this(scenarios, horizonDays, replications, seed, filter, hashpriceUsdPerThDay, startDate, start,
                    techniciansPerSite, null);
        }

        /** "now" (the default) or "warmup"; always "warmup" with a described fleet. */
        public String startOrDefault() {
            return start == null ? (fleet != null ? START_WARMUP : START_NOW) : start;
        }
    }

    /** A site's shipping cadence per route, in days between shipments (null: weekly). */
    public record Cadence(Integer vendorHub, Integer onshorePartner) {
    }

    /** Which part of the fleet: one site or vendor, or lists of them. */
    public record FilterInput(String site, String vendor, List<String> sites, List<String> vendors, String model) {

        public FilterInput(String site, String vendor, List<String> sites, List<String> vendors) {
            this(site, vendor, sites, vendors, null);
        }

        ForecastInputs.Filter toFilter() {
            List<String> s = new ArrayList<>(sites == null ? List.of() : sites);
            if (site != null && !site.isBlank()) {
                s.add(site);
            }
            List<String> v = new ArrayList<>(vendors == null ? List.of() : vendors);
            if (vendor != null && !vendor.isBlank()) {
                v.add(vendor);
            }
            return new ForecastInputs.Filter(s, v, model == null || model.isBlank() ? null : model.trim());
        }

        /** The one site (or vendor) the dashboard's filter can name, or null. */
        String single(List<String> values) {
            return values.size() == 1 ? values.get(0) : null;
        }
    }

    /** A forecast checked and resolved, ready to run. */
    public record Prepared(ForecastRequest request, List<Scenario> scenarios, List<ScenarioParameters> parameters,
            int horizon, int replications, long seed, double hashprice, LocalDate start) {
        public int totalReplications() {
            return replications * scenarios.size();
        }
    }

    @Inject
    ForecastInputs inputs;

    @Inject
    ScenarioService scenarios;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    LiveStateReader liveState;

    /** Checks the request; every problem at once. */
    @Transactional
    public Prepared prepare(ForecastRequest r) {
        List<FieldViolation> bad = new ArrayList<>();
        if (r == null) {
            throw ProblemException.invalid("A forecast needs a body", List.of(new FieldViolation("body", "is required")));
        }
        List<Scenario> chosen = new ArrayList<>();
        List<ScenarioParameters> params = new ArrayList<>();
        if (r.scenarios() == null || r.scenarios().isEmpty()) {
            bad.add(new FieldViolation("scenarios", "name at least one scenario id"));
        } else if (r.scenarios().size() > 6) {
            bad.add(new FieldViolation("scenarios", "at most 6 scenarios in one forecast"));
        } else {
            for (int i = 0; i < r.scenarios().size(); i++) {
                Long id = r.scenarios().get(i);
                Scenario s = id == null ? null : Scenario.findById(id);
                if (s == null) {
                    bad.add(new FieldViolation("scenarios[" + i + "]", "scenario " + id + " does not exist"));
                } else {
                    chosen.add(s);
                    params.add(scenarios.parameters(s));
                }
            }
        }
        int horizon = r.horizonDays() == null ? 180 : r.horizonDays();
        if (horizon < 30 || horizon > 365) {
            bad.add(new FieldViolation("horizonDays", "must be between 30 and 365"));
        }
        int reps = r.replications() == null ? 1000 : r.replications();
        if (reps < 2 || reps > 10_000) {
            bad.add(new FieldViolation("replications", "must be between 2 and 10000"));
        }
        double hashprice = r.hashpriceUsdPerThDay() == null ? DEFAULT_HASHPRICE : r.hashpriceUsdPerThDay();
        if (hashprice < 0 || hashprice > 10) {
            bad.add(new FieldViolation("hashpriceUsdPerThDay", "must be between 0 and 10 dollars per TH per day"));
        }
        String start = r.startOrDefault();
        if (!START_NOW.equals(start) && !START_WARMUP.equals(start)) {
            bad.add(new FieldViolation("start", "must be \"now\" (from today's live state) or \"warmup\" (from the steady state)"));
        }
        if (START_NOW.equals(start) && r.startDate() != null && !r.startDate().equals(DwellService.today())) {
            bad.add(new FieldViolation("startDate", "a forecast from the live state starts today; leave startDate out "
                    + "or ask for \"start\":\"warmup\""));
        }
        if (r.fleet() != null) {
            if (START_NOW.equals(start)) {
                bad.add(new FieldViolation("start", "a described fleet has no live state: leave start out or ask for "
                        + "\"warmup\""));
            }
            if (r.filter() != null) {
                bad.add(new FieldViolation("filter", "a described fleet is forecast whole; leave filter out"));
            }
            if (r.techniciansPerSite() != null) {
                bad.add(new FieldViolation("techniciansPerSite", "give technicians in fleet.sites[].technicians"));
            }
            for (String[] v : r.fleet().validate("fleet")) {
                bad.add(new FieldViolation(v[0], v[1]));
            }
        } else if (r.techniciansPerSite() != null) {
            List<String> known = em.createQuery("select s.code from Site s", String.class).getResultList();
            for (Map.Entry<String, Integer> e : r.techniciansPerSite().entrySet()) {
                if (e.getKey() == null || !known.contains(e.getKey().trim().toUpperCase())) {
                    bad.add(new FieldViolation("techniciansPerSite." + e.getKey(), "unknown site " + e.getKey()));
                } else if (e.getValue() == null || e.getValue() < 1 || e.getValue() > 10_000) {
                    bad.add(new FieldViolation("techniciansPerSite." + e.getKey(), "must be between 1 and 10000"));
                }
            }
        }
        if (r.filter() != null && r.fleet() == null) {
            ForecastInputs.Filter f = r.filter().toFilter();
            if (f.model() != null && em.createQuery("select count(m) from MinerModel m where upper(m.name) = upper(?1)",
                    Long.class).setParameter(1, f.model()).getSingleResult() == 0) {
                bad.add(new FieldViolation("filter.model", "no miner model named " + f.model()));
            }
            List<String> known = em.createQuery("select s.code from Site s", String.class).getResultList();
            for (String site : f.sites()) {
                if (!known.contains(site.trim().toUpperCase())) {
                    bad.add(new FieldViolation("filter.site", "unknown site " + site));
                }
            }
            for (String vendor : f.vendors()) {
                if (!ScenarioService.VENDORS.contains(vendor.trim().toUpperCase())) {
                    bad.add(new FieldViolation("filter.vendor", "unknown vendor " + vendor));
                }
            }
        }
        if (r.shipEveryDays() != null) {
            List<String> known = r.fleet() != null ? r.fleet().siteCodes()
                    : em.createQuery("select s.code from Site s", String.class).getResultList();
            for (Map.Entry<String, Cadence> e : r.shipEveryDays().entrySet()) {
                String at = "shipEveryDays." + e.getKey();
                if (e.getKey() == null || !known.contains(e.getKey().trim().toUpperCase())) {
                    bad.add(new FieldViolation(at, "unknown site " + e.getKey()));
                } else if (e.getValue() == null) {
                    bad.add(new FieldViolation(at, "give vendorHub and/or onshorePartner days"));
                } else {
                    for (Integer d : new Integer[] {e.getValue().vendorHub(), e.getValue().onshorePartner()}) {
                        if (d != null && (d < 1 || d > 28)) {
                            bad.add(new FieldViolation(at + (d == e.getValue().vendorHub() ? ".vendorHub"
                                    : ".onshorePartner"), "must be between 1 (daily) and 28 days"));
                        }
                    }
                }
            }
        }
        LocalDate today = DwellService.today();
        if (r.startDate() != null && (r.startDate().isBefore(today.minusYears(1))
                || r.startDate().isAfter(today.plusYears(3)))) {
            bad.add(new FieldViolation("startDate", "must be within a year before and three years after today ("
                    + today + ")"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid("The forecast cannot run", bad);
        }
        long seed = r.seed() != null ? r.seed() : new SplittableRandom().nextLong() >>> 1;
        LocalDate startDate = r.startDate() != null ? r.startDate()
                : START_NOW.equals(start) ? DwellService.today() : DwellService.today().plusDays(1);
        return new Prepared(r, chosen, params, horizon, reps, seed, hashprice, startDate);
    }

    /** Runs and saves; the monitor sees replications done over all scenarios. */
    public ForecastRecord run(Prepared p, String user, Monitor monitor) {
        long t0 = System.nanoTime();
        ForecastInputs.Snapshot snap;
        if (p.request().fleet() != null) {
            FleetDescription.Compiled c = p.request().fleet().compile();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("described", true);
            summary.put("sites", c.fleet().sites());
            summary.put("vendors", c.fleet().vendors());
            summary.put("partKinds", c.fleet().partKinds());
            summary.put("machines", c.fleet().totalMachines());
            snap = new ForecastInputs.Snapshot(c.fleet(), c.baseline(), summary);
        } else try {
            snap = inputs.load(p.request().filter() == null ? null : p.request().filter().toFilter(),
                    DwellService.today());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("The forecast cannot run", List.of(new FieldViolation("filter", e.getMessage())));
        }
        Fleet fleet = snap.fleet();
        if (p.request().techniciansPerSite() != null) {
            int[] tech = fleet.technicians().clone();
            for (Map.Entry<String, Integer> e : p.request().techniciansPerSite().entrySet()) {
                int i = fleet.sites().indexOf(e.getKey().trim().toUpperCase());
                if (i >= 0) {
                    tech[i] = e.getValue();
                }
            }
            fleet = fleet.with(tech, fleet.swapDays(), null);
        }
        if (p.request().shipEveryDays() != null) {
            int[] cadence = new int[fleet.sites().size() * 2];
            for (int s = 0; s < fleet.sites().size(); s++) {
                cadence[s * 2] = fleet.shipEvery(s, 0, SHIP_EVERY_DAYS);
                cadence[s * 2 + 1] = fleet.shipEvery(s, 1, SHIP_EVERY_DAYS);
            }
            for (Map.Entry<String, Cadence> e : p.request().shipEveryDays().entrySet()) {
                int i = fleet.sites().indexOf(e.getKey().trim().toUpperCase());
                if (i >= 0) {
                    cadence[i * 2] = e.getValue().vendorHub() != null ? e.getValue().vendorHub() : cadence[i * 2];
                    cadence[i * 2 + 1] = e.getValue().onshorePartner() != null ? e.getValue().onshorePartner()
                            : cadence[i * 2 + 1];
                }
            }
            fleet = fleet.shippingEvery(cadence);
        }
        boolean now = START_NOW.equals(p.request().startOrDefault());
        Map<String, Object> initialState = null;
        if (now) {
            List<String> siteList = p.request().filter() == null ? List.of() : p.request().filter().toFilter().sites();
            List<String> vendorList = p.request().filter() == null ? List.of() : p.request().filter().toFilter().vendors();
            Fleet read = fleet;
            String model = p.request().filter() == null ? null : p.request().filter().toFilter().model();
            // the dashboard's own read-only snapshot, on a connection of its own (outside any transaction)
            LiveStateReader.Live live = io.quarkus.narayana.jta.QuarkusTransaction.suspendingExisting()
                    .call(() -> liveState.read(read, siteList.size() == 1 ? siteList.get(0) : null,
                            vendorList.size() == 1 ? vendorList.get(0) : null, model, DwellService.today()));
            fleet = fleet.with(fleet.technicians(), fleet.swapDays(), live.state());
            initialState = live.initialState();
        }
        // "warmup": day 0 drawn from the steady state (Palm) unless a described fleet asks for warm-up days
        // simulated from an empty pipeline
        boolean steadyStart = !now && (p.request().fleet() == null || p.request().fleet().warmupDays() == null);
        int warmup = now || steadyStart ? 0 : p.request().fleet().warmupDays();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        MonteCarloForecast engine = new MonteCarloForecast(fleet,
                new MonteCarloForecast.Settings(p.horizon(), warmup, p.replications(), p.seed(), SHIP_EVERY_DAYS,
                        threads, steadyStart));
        List<String> names = p.scenarios().stream().map(s -> s.name).toList();
        int analyticWarmup = AnalyticForecast.steadyWarmupDays(fleet, SHIP_EVERY_DAYS);
        List<Plan> plans;
        List<Plan> steady;
        try {
            plans = ScenarioResolver.compileAll(names, p.parameters(), snap.baseline(), fleet, p.start(), warmup);
            // the analytic path: from the steady state (Palm) of the first period, or the same empty start as simulated
            steady = now || steadyStart ? ScenarioResolver.compileAll(names, p.parameters(), snap.baseline(), fleet,
                    p.start(), analyticWarmup) : plans;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("A scenario cannot run", List.of(new FieldViolation("scenarios", e.getMessage())));
        }
        List<Run> runs = engine.run(plans, monitor);
        List<AnalyticForecast.Result> exact = new ArrayList<>();
        Fleet empty = fleet.with(fleet.technicians(), fleet.swapDays(), null);
        if (now || steadyStart) {
            // all the scenarios at once: the laws of the baseline they share are computed once
            exact.addAll(AnalyticForecast.steady(empty, steady, analyticWarmup, p.horizon(), SHIP_EVERY_DAYS));
        } else {
            for (Plan plan : steady) {
                exact.add(AnalyticForecast.run(empty, plan, warmup, p.horizon(), SHIP_EVERY_DAYS));
            }
        }
        ForecastResult.GrowthReport growth = null;
        if (p.request().fleet() == null) {
            // the open machine orders against the capacity plan (#15): an engine of its own, its own draws
            ForecastInputs.Orders orders = inputs.orders(p.request().filter() == null ? null
                    : p.request().filter().toFilter(), p.start(), DwellService.today(), snap.baseline().context());
            snap.summary().put("machineOrders", orders.summary());
            growth = ForecastGrowth.report(names, p.scenarios().stream().map(s -> s.id).toList(), p.parameters(),
                    orders, fleet, plans, runs, p.start(), warmup, p.horizon(), p.replications(), p.seed(),
                    p.hashprice());
        }
        ForecastResult result = assemble(p, snap, runs, exact, initialState, warmup, plans, growth);
        List<ScenarioUsed> used = new ArrayList<>();
        for (int i = 0; i < p.scenarios().size(); i++) {
            Scenario s = p.scenarios().get(i);
            used.add(new ScenarioUsed(s.id, s.name, s.version, p.parameters().get(i)));
        }
        ForecastResult.Inputs inputsDoc = new ForecastResult.Inputs(p.request(), p.seed(), p.start(),
                p.request().startOrDefault(), warmup, fleet.technicians(), fleet.swapDays(), SHIP_EVERY_DAYS, used,
                snap.summary());
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        return io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting()
                .call(() -> save(p, user, inputsDoc, result, elapsed));
    }

    private ForecastRecord save(Prepared p, String user, ForecastResult.Inputs inputsDoc, ForecastResult result,
            long elapsed) {
        ForecastRecord f = new ForecastRecord();
        f.createdBy = user;
        f.createdAt = Instant.now();
        f.startDate = p.start();
        f.seed = p.seed();
        f.horizonDays = p.horizon();
        f.replications = p.replications();
        f.scenarioNames = String.join(" | ", p.scenarios().stream().map(s -> s.name).toList());
        f.elapsedMs = elapsed;
        f.inputs = write(inputsDoc);
        f.result = write(result);
        f.persist();
        return f;
    }

    /** The saved forecast as the API returns it: who ran it and when, then its result. */
    public String document(ForecastRecord f) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode doc = json.createObjectNode();
            doc.put("id", f.id);
            doc.put("createdAt", f.createdAt.toString());
            doc.put("createdBy", f.createdBy);
            doc.put("elapsedMs", f.elapsedMs);
            doc.setAll((com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(f.result));
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored forecast is not readable", e);
        }
    }

    @Transactional
    public ForecastRecord find(long id) {
        ForecastRecord f = ForecastRecord.findById(id);
        if (f == null) {
            throw ProblemException.notFound("Forecast", id);
        }
        return f;
    }

    /** The latest forecasts, without their (large) results. */
    @Transactional
    public List<Map<String, Object>> latest(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : em.createQuery("select f.id, f.createdAt, f.createdBy, f.scenarioNames, f.horizonDays, "
                + "f.replications, f.seed, f.elapsedMs, f.startDate from ForecastRecord f order by f.createdAt desc",
                Object[].class).setMaxResults(n).getResultList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r[0]);
            m.put("createdAt", r[1].toString());
            m.put("createdBy", r[2]);
            m.put("scenarios", r[3]);
            m.put("horizonDays", r[4]);
            m.put("replications", r[5]);
            m.put("seed", r[6]);
            m.put("elapsedMs", r[7]);
            m.put("startDate", r[8].toString());
            out.add(m);
        }
        return out;
    }

    private ForecastResult assemble(Prepared p, ForecastInputs.Snapshot snap, List<Run> runs,
            List<AnalyticForecast.Result> exact, Map<String, Object> initialState, int warmup, List<Plan> plans,
            ForecastResult.GrowthReport growth) {
        Fleet fleet = snap.fleet();
        int horizon = p.horizon();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            int day = plans.get(i).shockDay() - warmup;
            boolean changes = plans.get(i).before() != plans.get(i).after();
            if (changes && day >= horizon) {
                warnings.add("\"" + p.scenarios().get(i).name + "\" takes effect on day " + day + ", after the horizon of "
                        + horizon + " days: it shows nothing but the baseline");
            }
        }
        List<String> dates = new ArrayList<>();
        for (int d = 0; d < horizon; d++) {
            dates.add(p.start().plusDays(d).toString());
        }
        double nameplate = fleet.nameplateThs();
        long units = fleet.totalMachines();
        List<ScenarioResult> scenarioResults = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Scenario s = p.scenarios().get(i);
            Plan plan = plans.get(i);
            Integer effectiveDay = plan.before() == plan.after() ? null : Math.max(0, plan.shockDay() - warmup);
            List<Integer> phaseDays = new ArrayList<>();
            for (int ph = 2; ph < plan.starts().length; ph++) {
                phaseDays.add(plan.starts()[ph] - warmup);
            }
            Map<String, DailyBand> backlog = new LinkedHashMap<>();
            for (Stage st : Stage.values()) {
                backlog.put(st.name(), DailyBand.of(run.stages()[st.ordinal()]));
            }
            FleetSeries fleetSeries = new FleetSeries(units, round(nameplate),
                    DailyBand.availability(run.unitsDown(), units), DailyBand.availability(run.hashrateDownThs(), nameplate),
                    DailyBand.of(run.unitsDown()), DailyBand.of(run.hashrateDownThs()),
                    DailyBand.of(run.stockedOutPools()), backlog);
            List<Group> sites = new ArrayList<>();
            for (int si = 0; si < fleet.sites().size(); si++) {
                long u = 0;
                double th = 0;
                for (int v = 0; v < fleet.vendors().size(); v++) {
                    int sv = fleet.siteVendor(si, v);
                    u += fleet.machines()[sv];
                    th += fleet.machines()[sv] * fleet.thsPerMachine()[sv];
                }
                sites.add(group(fleet.sites().get(si), null, u, th, run.siteUnitsDown()[si],
                        run.siteHashrateDownThs()[si], run.siteStageMean()[si]));
            }
            List<Group> vendors = new ArrayList<>();
            for (int v = 0; v < fleet.vendors().size(); v++) {
                long u = 0;
                double th = 0;
                for (int si = 0; si < fleet.sites().size(); si++) {
                    int sv = fleet.siteVendor(si, v);
                    u += fleet.machines()[sv];
                    th += fleet.machines()[sv] * fleet.thsPerMachine()[sv];
                }
                vendors.add(group(null, fleet.vendors().get(v), u, th, run.vendorUnitsDown()[v],
                        run.vendorHashrateDownThs()[v], run.vendorStageMean()[v]));
            }
            AnalyticForecast.Result a = exact.get(i);
            double[] availU = new double[horizon];
            double[] availH = new double[horizon];
            for (int d = 0; d < horizon; d++) {
                availU[d] = 1 - a.unitsDown()[d] / units;
                availH[d] = 1 - a.hashrateDownThs()[d] / nameplate;
            }
            Analytic analytic = new Analytic((warmup > 0 ? "M_t/G/inf per pool from an empty pipeline after the "
                    + warmup + "-day warm-up" : "M_t/G/inf per pool from the steady state (Palm) of the period in force on day 0")
                    + ", the hubs' repair and transit laws where fitted, Poisson EBO (Palm), availability formula, "
                    + "swap time by Little's law; uncapacitated hubs and technicians, independent holds",
                    a.valid(), a.notValidBecause(), rounded(a.pipelineMean()), rounded(a.backorders()),
                    rounded(a.unitsDown()), rounded(availU), rounded(availH));
            Totals totals = new Totals(Summary.of(run.hashrateDaysLost(), 1),
                    Summary.of(run.hashrateDaysLost(), p.hashprice()), Summary.of(run.spendCents(), 0.01),
                    Summary.of(run.stockedOutPoolDays(), 1), Summary.of(run.fallbackParts(), 1),
                    Summary.of(run.storageFeesCents(), 0.01), Summary.of(run.tariffCents(), 0.01));
            scenarioResults.add(new ScenarioResult(s.id, s.name, s.builtIn, p.parameters().get(i).effectiveDate(),
                    effectiveDay, phaseDays, fleetSeries, sites, vendors, analytic, totals));
        }
        return new ForecastResult(p.start().toString(), p.seed(), horizon, p.replications(),
                p.request().startOrDefault(), warmup, initialState, warnings, p.hashprice(), p.request().filter(),
                snap.summary(), dates, scenarioResults, differences(p, runs, nameplate),
                growth == null ? null : growth.growth(), growth == null ? null : growth.planComparison());
    }

    /**
     * Each scenario against the first, replication by replication (common random numbers make the
     * pairs): the mean difference and its 95% confidence interval (Student t on the paired differences).
     */
    private List<Difference> differences(Prepared p, List<Run> runs, double nameplate) {
        List<Difference> out = new ArrayList<>();
        if (runs.size() < 2) {
            return out;
        }
        Run base = runs.get(0);
        int reps = p.replications();
        double t = ReplicationStatistics.t(reps);
        for (int i = 1; i < runs.size(); i++) {
            Run run = runs.get(i);
            // availability of hashrate, scenario minus reference
            DailyInterval availability = DailyInterval.of((day, r) -> (base.hashrateDownByReplication()[day * reps + r]
                    - run.hashrateDownByReplication()[day * reps + r]) / nameplate, p.horizon(), reps, t);
            out.add(new Difference(p.scenarios().get(i).id, p.scenarios().get(0).id,
                    p.scenarios().get(i).name + " minus " + p.scenarios().get(0).name,
                    Interval.paired(run.hashrateDaysLost(), base.hashrateDaysLost(), t, 1),
                    Interval.paired(run.hashrateDaysLost(), base.hashrateDaysLost(), t, p.hashprice()), availability));
        }
        return out;
    }

    private static Group group(String site, String vendor, long units, double ths, Band unitsDown, Band thsDown,
            double[][] stageMean) {
        Map<String, double[]> backlog = new LinkedHashMap<>();
        for (Stage st : Stage.values()) {
            backlog.put(st.name(), rounded(stageMean[st.ordinal()]));
        }
        return new Group(site, vendor, units, round(ths), DailyBand.availability(thsDown, ths), DailyBand.of(unitsDown),
                DailyBand.of(thsDown), backlog);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
