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

import org.hipparchus.distribution.continuous.TDistribution;

import app.rigtrail.dwell.DwellService;
import app.rigtrail.forecast.domain.AnalyticForecast;
import app.rigtrail.forecast.domain.Band;
import app.rigtrail.forecast.domain.Fleet;
import app.rigtrail.forecast.domain.FleetDescription;
import app.rigtrail.forecast.domain.MonteCarloForecast;
import app.rigtrail.forecast.domain.MonteCarloForecast.Monitor;
import app.rigtrail.forecast.domain.MonteCarloForecast.Run;
import app.rigtrail.forecast.domain.Plan;
import app.rigtrail.forecast.domain.ScenarioParameters;
import app.rigtrail.forecast.domain.ScenarioResolver;
import app.rigtrail.forecast.domain.Stage;
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
     * The warm-up of the analytic path: a year from an empty pipeline, longer than an overseas round trip
     * with its longest holds, so the pipeline has reached its steady state. The Monte Carlo's
     * {@code "start":"warmup"} simulates none: it draws day 0 from the steady state (Palm; Settings.steadyStart,
     * SteadyStartTest), unless a described fleet gives warmupDays to simulate from an empty pipeline.
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
        List<Plan> plans;
        List<Plan> steady;
        try {
            plans = ScenarioResolver.compileAll(names, p.parameters(), snap.baseline(), fleet, p.start(), warmup);
            // the analytic path: the steady state after WARMUP_DAYS from empty, or the same empty start as simulated
            steady = now || steadyStart ? ScenarioResolver.compileAll(names, p.parameters(), snap.baseline(), fleet,
                    p.start(), WARMUP_DAYS) : plans;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("A scenario cannot run", List.of(new FieldViolation("scenarios", e.getMessage())));
        }
        List<Run> runs = engine.run(plans, monitor);
        List<AnalyticForecast.Result> exact = new ArrayList<>();
        Fleet empty = fleet.with(fleet.technicians(), fleet.swapDays(), null);
        for (Plan plan : steady) {
            exact.add(AnalyticForecast.run(empty, plan, now || steadyStart ? WARMUP_DAYS : warmup, p.horizon(),
                    SHIP_EVERY_DAYS));
        }
        Map<String, Object> result = assemble(p, snap, runs, exact, initialState, warmup, plans);
        if (p.request().fleet() == null) {
            // the open machine orders against the capacity plan (#15): an engine of its own, its own draws
            ForecastInputs.Orders orders = inputs.orders(p.request().filter() == null ? null
                    : p.request().filter().toFilter(), p.start(), DwellService.today(), snap.baseline().context());
            snap.summary().put("machineOrders", orders.summary());
            result.putAll(ForecastGrowth.report(names, p.scenarios().stream().map(s -> s.id).toList(), p.parameters(),
                    orders, fleet, plans, runs, p.start(), warmup, p.horizon(), p.replications(), p.seed(),
                    p.hashprice()));
        }
        Map<String, Object> inputsDoc = new LinkedHashMap<>();
        inputsDoc.put("request", p.request());
        inputsDoc.put("seed", p.seed());
        inputsDoc.put("startDate", p.start());
        inputsDoc.put("start", p.request().startOrDefault());
        inputsDoc.put("warmupDays", warmup);
        inputsDoc.put("technicians", fleet.technicians());
        inputsDoc.put("swapDays", fleet.swapDays());
        inputsDoc.put("shipEveryDays", SHIP_EVERY_DAYS);
        List<Map<String, Object>> used = new ArrayList<>();
        for (int i = 0; i < p.scenarios().size(); i++) {
            Scenario s = p.scenarios().get(i);
            used.add(Map.of("id", s.id, "name", s.name, "version", s.version, "parameters", p.parameters().get(i)));
        }
        inputsDoc.put("scenarios", used);
        inputsDoc.put("baseline", snap.summary());
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        return io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting()
                .call(() -> save(p, user, inputsDoc, result, elapsed));
    }

    private ForecastRecord save(Prepared p, String user, Map<String, Object> inputsDoc, Map<String, Object> result, long elapsed) {
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

    private Map<String, Object> assemble(Prepared p, ForecastInputs.Snapshot snap, List<Run> runs,
            List<AnalyticForecast.Result> exact, Map<String, Object> initialState, int warmup, List<Plan> plans) {
        Fleet fleet = snap.fleet();
        int horizon = p.horizon();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startDate", p.start().toString());
        out.put("seed", p.seed());
        out.put("horizonDays", horizon);
        out.put("replications", p.replications());
        out.put("start", p.request().startOrDefault());
        out.put("warmupDays", warmup);
        if (initialState != null) {
            out.put("initialState", initialState);
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            int day = plans.get(i).shockDay() - warmup;
            boolean changes = plans.get(i).before() != plans.get(i).after();
            if (changes && day >= horizon) {
                warnings.add("\"" + p.scenarios().get(i).name + "\" takes effect on day " + day + ", after the horizon of "
                        + horizon + " days: it shows nothing but the baseline");
            }
        }
        out.put("warnings", warnings);
        out.put("hashpriceUsdPerThDay", p.hashprice());
        out.put("filter", p.request().filter());
        out.put("fleet", snap.summary());
        List<String> dates = new ArrayList<>();
        for (int d = 0; d < horizon; d++) {
            dates.add(p.start().plusDays(d).toString());
        }
        out.put("dates", dates);
        double nameplate = fleet.nameplateThs();
        long units = fleet.totalMachines();
        List<Map<String, Object>> scenarioDocs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            Scenario s = p.scenarios().get(i);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", s.id);
            doc.put("name", s.name);
            doc.put("builtIn", s.builtIn);
            doc.put("effectiveDate", p.parameters().get(i).effectiveDate());
            int effectiveDay = Math.max(0, plans.get(i).shockDay() - warmup);
            doc.put("effectiveDay", plans.get(i).before() == plans.get(i).after() ? null : effectiveDay);
            List<Integer> phaseDays = new ArrayList<>();
            for (int ph = 2; ph < plans.get(i).starts().length; ph++) {
                phaseDays.add(plans.get(i).starts()[ph] - warmup);
            }
            doc.put("phaseDays", phaseDays);
            Map<String, Object> fleetDoc = new LinkedHashMap<>();
            fleetDoc.put("unitsInstalled", units);
            fleetDoc.put("nameplateThs", round(nameplate));
            fleetDoc.put("availabilityUnits", availability(run.unitsDown(), units));
            fleetDoc.put("availabilityHashrate", availability(run.hashrateDownThs(), nameplate));
            fleetDoc.put("unitsDown", band(run.unitsDown()));
            fleetDoc.put("hashrateDownThs", band(run.hashrateDownThs()));
            fleetDoc.put("stockedOutPools", band(run.stockedOutPools()));
            Map<String, Object> backlog = new LinkedHashMap<>();
            for (Stage st : Stage.values()) {
                backlog.put(st.name(), band(run.stages()[st.ordinal()]));
            }
            fleetDoc.put("backlog", backlog);
            doc.put("fleet", fleetDoc);
            List<Map<String, Object>> siteDocs = new ArrayList<>();
            for (int si = 0; si < fleet.sites().size(); si++) {
                long u = 0;
                double th = 0;
                for (int v = 0; v < fleet.vendors().size(); v++) {
                    int sv = fleet.siteVendor(si, v);
                    u += fleet.machines()[sv];
                    th += fleet.machines()[sv] * fleet.thsPerMachine()[sv];
                }
                siteDocs.add(group("site", fleet.sites().get(si), u, th, run.siteUnitsDown()[si],
                        run.siteHashrateDownThs()[si], run.siteStageMean()[si]));
            }
            doc.put("sites", siteDocs);
            List<Map<String, Object>> vendorDocs = new ArrayList<>();
            for (int v = 0; v < fleet.vendors().size(); v++) {
                long u = 0;
                double th = 0;
                for (int si = 0; si < fleet.sites().size(); si++) {
                    int sv = fleet.siteVendor(si, v);
                    u += fleet.machines()[sv];
                    th += fleet.machines()[sv] * fleet.thsPerMachine()[sv];
                }
                vendorDocs.add(group("vendor", fleet.vendors().get(v), u, th, run.vendorUnitsDown()[v],
                        run.vendorHashrateDownThs()[v], run.vendorStageMean()[v]));
            }
            doc.put("vendors", vendorDocs);
            AnalyticForecast.Result a = exact.get(i);
            Map<String, Object> analytic = new LinkedHashMap<>();
            analytic.put("method", "M_t/G/inf per pool from an empty pipeline after a " + WARMUP_DAYS
                    + "-day warm-up (the steady state each phase tends to), Poisson EBO (Palm), availability formula, "
                    + "swap time by Little's law; uncapacitated hubs and technicians, independent holds");
            analytic.put("valid", a.valid());
            analytic.put("notValidBecause", a.notValidBecause());
            analytic.put("pipelineMean", rounded(a.pipelineMean()));
            analytic.put("backordersMean", rounded(a.backorders()));
            analytic.put("unitsDownMean", rounded(a.unitsDown()));
            double[] availU = new double[horizon];
            double[] availH = new double[horizon];
            for (int d = 0; d < horizon; d++) {
                availU[d] = 1 - a.unitsDown()[d] / units;
                availH[d] = 1 - a.hashrateDownThs()[d] / nameplate;
            }
            analytic.put("availabilityUnits", rounded(availU));
            analytic.put("availabilityHashrate", rounded(availH));
            doc.put("analytic", analytic);
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("hashrateDaysLostThDays", summary(run.hashrateDaysLost(), 1));
            totals.put("valueLostUsd", summary(run.hashrateDaysLost(), p.hashprice()));
            totals.put("spareSpendUsd", summary(run.spendCents(), 0.01));
            totals.put("stockedOutPoolDays", summary(run.stockedOutPoolDays(), 1));
            totals.put("fallbackParts", summary(run.fallbackParts(), 1));
            totals.put("storageFeesUsd", summary(run.storageFeesCents(), 0.01));
            totals.put("tariffsUsd", summary(run.tariffCents(), 0.01));
            doc.put("totals", totals);
            scenarioDocs.add(doc);
        }
        out.put("scenarios", scenarioDocs);
        out.put("differences", differences(p, runs, nameplate));
        return out;
    }

    /**
     * Each scenario against the first, replication by replication (common random numbers make the
     * pairs): the mean difference and its 95% confidence interval (Student t on the paired differences).
     */
    private List<Map<String, Object>> differences(Prepared p, List<Run> runs, double nameplate) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (runs.size() < 2) {
            return out;
        }
        Run base = runs.get(0);
        int reps = p.replications();
        int horizon = p.horizon();
        double t = new TDistribution(reps - 1).inverseCumulativeProbability(0.975);
        for (int i = 1; i < runs.size(); i++) {
            Run run = runs.get(i);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("scenario", p.scenarios().get(i).id);
            d.put("versus", p.scenarios().get(0).id);
            d.put("name", p.scenarios().get(i).name + " minus " + p.scenarios().get(0).name);
            double[] lost = new double[reps];
            for (int r = 0; r < reps; r++) {
                lost[r] = run.hashrateDaysLost()[r] - base.hashrateDaysLost()[r];
            }
            d.put("hashrateDaysLostThDays", interval(lost, t, 1));
            d.put("valueLostUsd", interval(lost, t, p.hashprice()));
            double[] mean = new double[horizon];
            double[] low = new double[horizon];
            double[] high = new double[horizon];
            double[] diff = new double[reps];
            for (int day = 0; day < horizon; day++) {
                for (int r = 0; r < reps; r++) {
                    // availability of hashrate, scenario minus reference
                    diff[r] = (base.hashrateDownByReplication()[day * reps + r]
                            - run.hashrateDownByReplication()[day * reps + r]) / nameplate;
                }
                double[] ci = meanAndHalfWidth(diff, t);
                mean[day] = ci[0];
                low[day] = ci[0] - ci[1];
                high[day] = ci[0] + ci[1];
            }
            d.put("availabilityHashrate", Map.of("mean", rounded(mean), "ciLow", rounded(low), "ciHigh", rounded(high)));
            out.add(d);
        }
        return out;
    }

    private static Map<String, Object> interval(double[] values, double t, double scale) {
        double[] ci = meanAndHalfWidth(values, t);
        return Map.of("mean", round(ci[0] * scale), "ciLow", round((ci[0] - ci[1]) * scale), "ciHigh",
                round((ci[0] + ci[1]) * scale), "level", 0.95);
    }

    static double[] meanAndHalfWidth(double[] x, double t) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (x.length - 1));
        return new double[] {mean, t * sd / Math.sqrt(x.length)};
    }

    private static Map<String, Object> group(String key, String name, long units, double ths, Band unitsDown,
            Band thsDown, double[][] stageMean) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put(key, name);
        g.put("unitsInstalled", units);
        g.put("nameplateThs", round(ths));
        g.put("availabilityHashrate", availability(thsDown, ths));
        g.put("unitsDown", band(unitsDown));
        g.put("hashrateDownThs", band(thsDown));
        Map<String, Object> backlog = new LinkedHashMap<>();
        for (Stage st : Stage.values()) {
            backlog.put(st.name(), rounded(stageMean[st.ordinal()]));
        }
        g.put("backlogMean", backlog);
        return g;
    }

    /** 1 - down / installed; the percentiles swap ends (P10 of availability is 1 - P90 of down). */
    static Map<String, Object> availability(Band down, double installed) {
        int n = down.mean().length;
        double[][] a = new double[4][n];
        for (int d = 0; d < n; d++) {
            a[0][d] = installed == 0 ? 1 : 1 - down.mean()[d] / installed;
            a[1][d] = installed == 0 ? 1 : 1 - down.p90()[d] / installed;
            a[2][d] = installed == 0 ? 1 : 1 - down.p50()[d] / installed;
            a[3][d] = installed == 0 ? 1 : 1 - down.p10()[d] / installed;
        }
        return Map.of("mean", rounded(a[0]), "p10", rounded(a[1]), "p50", rounded(a[2]), "p90", rounded(a[3]));
    }

    static Map<String, Object> band(Band b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", rounded(b.mean()));
        m.put("p10", rounded(b.p10()));
        m.put("p50", rounded(b.p50()));
        m.put("p90", rounded(b.p90()));
        return m;
    }

    /** Mean and the 10th, 50th and 90th percentiles over replications, scaled, in that order. */
    static Map<String, Object> summary(double[] values, double scale) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double mean = 0;
        for (double v : sorted) {
            mean += v / n;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", round(mean * scale));
        m.put("p10", round(sorted[Band.rank(0.1, n)] * scale));
        m.put("p50", round(sorted[Band.rank(0.5, n)] * scale));
        m.put("p90", round(sorted[Band.rank(0.9, n)] * scale));
        return m;
    }

    static double[] rounded(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = round(x[i]);
        }
        return out;
    }

    /** Six significant digits: enough for any chart or table, and a third of the bytes. */
    static double round(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).doubleValue();
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
