package app.rigtrail.forecast.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * A fleet a planner describes instead of the database's (issue #12 item 4): sites with machines per
 * vendor, spares and technicians; per vendor and part kind the parts per machine, failure rate, route
 * shares, bench law, held shares and lead days; the hubs; one hold law; the warm-up. {@link #validate()}
 * names every bad field by its path; {@link #compile()} gives the engine's Fleet and the Baseline the
 * scenarios apply to.
 */
public record FleetDescription(List<SiteInput> sites, List<PartInput> parts, List<HubInput> hubs, Law hold,
        Integer warmupDays, Double swapDays, Integer freeDays, Double storageUsdPerUnitDay, Law holdOut) {

    /** One hold law for both legs (or per part, as the parts give). */
    public FleetDescription(List<SiteInput> sites, List<PartInput> parts, List<HubInput> hubs, Law hold,
            Integer warmupDays, Double swapDays, Integer freeDays, Double storageUsdPerUnitDay) {
        this(sites, parts, hubs, hold, warmupDays, swapDays, freeDays, storageUsdPerUnitDay, null);
    }

    public FleetDescription(List<SiteInput> sites, List<PartInput> parts, List<HubInput> hubs, Law hold,
            Integer warmupDays, Double swapDays) {
        this(sites, parts, hubs, hold, warmupDays, swapDays, null, null, null);
    }

    /** The sites' codes, as given. */
    public List<String> siteCodes() {
        return sites == null ? List.of() : sites.stream().map(s -> s == null || s.code() == null ? "" : s.code()).toList();
    }

    public static final int MAX_COUNT = 1_000_000;

    /** machines and thsPerMachine by vendor; spares by vendor then part kind. */
    public record SiteInput(String code, Map<String, Integer> machines, Map<String, Double> thsPerMachine,
            Map<String, Map<String, Integer>> spares, Integer technicians, Boolean sensitive) {

        public SiteInput(String code, Map<String, Integer> machines, Map<String, Double> thsPerMachine,
                Map<String, Map<String, Integer>> spares, Integer technicians) {
            this(code, machines, thsPerMachine, spares, technicians, null);
        }
    }

    /**
     * One vendor and part kind. {@code hold} and {@code holdOut}: this kind's own hold laws on the way
     * back and on the way out (left out: the fleet's {@code hold} and {@code holdOut}).
     */
    public record PartInput(String vendor, String kind, Integer perMachine, Double failuresPerUnitYear,
            Double benchShare, Double vendorHubShare, Double onshoreShare, Double scrapShare, Law bench,
            Double heldShare, Double heldShareOut, Double excludedShare, Integer leadDays, Law hold, Law holdOut) {

        public PartInput(String vendor, String kind, Integer perMachine, Double failuresPerUnitYear,
                Double benchShare, Double vendorHubShare, Double onshoreShare, Double scrapShare, Law bench,
                Double heldShare, Double heldShareOut, Double excludedShare, Integer leadDays) {
            this(vendor, kind, perMachine, failuresPerUnitYear, benchShare, vendorHubShare, onshoreShare, scrapShare,
                    bench, heldShare, heldShareOut, excludedShare, leadDays, null, null);
        }
    }

    /**
     * A hub: a weekly capacity (none: unlimited), or {@code servers} working in parallel; each repair
     * drawn from {@code repair} scaled to the turnaround (fixed at it without a law); each leg's
     * transit drawn from {@code transit} (fixed transitDays without one).
     */
    public record HubInput(String code, String route, List<String> vendors, List<String> partKinds,
            Boolean crossesBorder, Integer transitDays, Integer capacityPerWeek, Integer turnaroundDays,
            Integer servers, Law repair, Law transit) {

        public HubInput(String code, String route, List<String> vendors, List<String> partKinds,
                Boolean crossesBorder, Integer transitDays, Integer capacityPerWeek, Integer turnaroundDays) {
            this(code, route, vendors, partKinds, crossesBorder, transitDays, capacityPerWeek, turnaroundDays, null,
                    null, null);
        }
    }

    /** LOGNORMAL (median, sigma), WEIBULL (shape, scale), EXPONENTIAL (mean) or FIXED (days), in days. */
    public record Law(String type, Double median, Double sigma, Double shape, Double scale, Double mean, Integer days) {

        DoubleUnaryOperator survival() {
            switch (type.toUpperCase()) {
                case "LOGNORMAL": {
                    NormalDistribution n = new NormalDistribution(0, 1);
                    double mu = Math.log(median);
                    return t -> 1 - n.cumulativeProbability((Math.log(t) - mu) / sigma);
                }
                case "WEIBULL":
                    return t -> Math.exp(-Math.pow(t / scale, shape));
                case "EXPONENTIAL":
                    return t -> Math.exp(-t / mean);
                default:
                    return t -> t < days ? 1 : 0;
            }
        }

        /** As a whole-day duration (a fixed law exactly, the others rounded, at least a day). */
        public DiscreteDuration discrete() {
            return "FIXED".equalsIgnoreCase(type) ? DiscreteDuration.fixed(days)
                    : DiscreteDuration.fromSurvival(survival(), 1, 0);
        }

        void check(String path, List<String[]> bad) {
            if (type == null) {
                bad.add(new String[] {path + ".type", "is required: LOGNORMAL, WEIBULL, EXPONENTIAL or FIXED"});
                return;
            }
            switch (type.toUpperCase()) {
                case "LOGNORMAL" -> {
                    positive(path + ".median", median, 730, bad);
                    positive(path + ".sigma", sigma, 5, bad);
                }
                case "WEIBULL" -> {
                    positive(path + ".shape", shape, 20, bad);
                    positive(path + ".scale", scale, 730, bad);
                }
                case "EXPONENTIAL" -> positive(path + ".mean", mean, 730, bad);
                case "FIXED" -> {
                    if (days == null || days < 0 || days > DiscreteDuration.MAX_DAYS) {
                        bad.add(new String[] {path + ".days", "must be between 0 and " + DiscreteDuration.MAX_DAYS});
                    }
                }
                default -> bad.add(new String[] {path + ".type", "must be LOGNORMAL, WEIBULL, EXPONENTIAL or FIXED"});
            }
        }
    }

    private static void positive(String path, Double v, double max, List<String[]> bad) {
        if (v == null || !(v > 0) || v > max) {
            bad.add(new String[] {path, "must be above 0 and at most " + max});
        }
    }

    private static void share(String path, Double v, List<String[]> bad) {
        if (v != null && !(v >= 0 && v <= 1)) {
            bad.add(new String[] {path, "must be between 0 and 1"});
        }
    }

    private static void count(String path, Integer v, int min, int max, List<String[]> bad) {
        if (v == null || v < min || v > max) {
            bad.add(new String[] {path, "must be between " + min + " and " + max});
        }
    }

    private static double or0(Double d) {
        return d == null ? 0 : d;
    }

    List<String> vendors() {
        List<String> out = new ArrayList<>();
        for (PartInput p : parts) {
            if (!out.contains(p.vendor())) {
                out.add(p.vendor());
            }
        }
        return out;
    }

    List<String> kinds() {
        List<String> out = new ArrayList<>();
        for (PartInput p : parts) {
            if (!out.contains(p.kind())) {
                out.add(p.kind());
            }
        }
        return out;
    }

    /** Every problem as {path, message}, paths under {@code prefix} (e.g. "fleet"); empty when valid. */
    public List<String[]> validate(String prefix) {
        List<String[]> bad = new ArrayList<>();
        if (sites == null || sites.isEmpty() || sites.size() > 200) {
            bad.add(new String[] {prefix + ".sites", "name between 1 and 200 sites"});
        }
        if (parts == null || parts.isEmpty() || parts.size() > 200) {
            bad.add(new String[] {prefix + ".parts", "name between 1 and 200 vendor and part kind entries"});
        }
        if (!bad.isEmpty()) {
            return bad;
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            PartInput p = parts.get(i);
            String at = prefix + ".parts[" + i + "]";
            if (p == null || p.vendor() == null || p.vendor().isBlank() || p.kind() == null || p.kind().isBlank()) {
                bad.add(new String[] {at, "needs a vendor and a kind"});
                continue;
            }
            if (seen.contains(p.vendor() + "/" + p.kind())) {
                bad.add(new String[] {at, p.vendor() + " " + p.kind() + " is described twice"});
            }
            seen.add(p.vendor() + "/" + p.kind());
            count(at + ".perMachine", p.perMachine(), 1, 1000, bad);
            if (p.failuresPerUnitYear() == null || !(p.failuresPerUnitYear() >= 0 && p.failuresPerUnitYear() <= 5)) {
                bad.add(new String[] {at + ".failuresPerUnitYear", "must be between 0 and 5"});
            }
            share(at + ".benchShare", p.benchShare(), bad);
            share(at + ".vendorHubShare", p.vendorHubShare(), bad);
            share(at + ".onshoreShare", p.onshoreShare(), bad);
            share(at + ".scrapShare", p.scrapShare(), bad);
            share(at + ".heldShare", p.heldShare(), bad);
            share(at + ".heldShareOut", p.heldShareOut(), bad);
            share(at + ".excludedShare", p.excludedShare(), bad);
            double sum = or0(p.benchShare()) + or0(p.vendorHubShare()) + or0(p.onshoreShare()) + or0(p.scrapShare());
            if (Math.abs(sum - 1) > 1e-6) {
                bad.add(new String[] {at, "benchShare, vendorHubShare, onshoreShare and scrapShare must add up to 1, not "
                        + sum});
            }
            if (p.bench() == null) {
                bad.add(new String[] {at + ".bench", "is required (a duration law)"});
            } else {
                p.bench().check(at + ".bench", bad);
            }
            if (p.leadDays() != null) {
                count(at + ".leadDays", p.leadDays(), 0, 730, bad);
            }
            if (p.hold() != null) {
                p.hold().check(at + ".hold", bad);
            }
            if (p.holdOut() != null) {
                p.holdOut().check(at + ".holdOut", bad);
            }
        }
        List<String> vendors = vendors();
        List<String> kinds = kinds();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            SiteInput s = sites.get(i);
            String at = prefix + ".sites[" + i + "]";
            if (s == null || s.code() == null || s.code().isBlank()) {
                bad.add(new String[] {at + ".code", "is required"});
                continue;
            }
            if (codes.contains(s.code())) {
                bad.add(new String[] {at + ".code", "site " + s.code() + " is described twice"});
            }
            codes.add(s.code());
            if (s.machines() == null || s.machines().isEmpty()) {
                bad.add(new String[] {at + ".machines", "give machines per vendor"});
            } else {
                for (Map.Entry<String, Integer> e : s.machines().entrySet()) {
                    if (!vendors.contains(e.getKey())) {
                        bad.add(new String[] {at + ".machines." + e.getKey(), "no parts are described for vendor " + e.getKey()});
                    }
                    count(at + ".machines." + e.getKey(), e.getValue(), 0, MAX_COUNT, bad);
                }
            }
            if (s.thsPerMachine() != null) {
                for (Map.Entry<String, Double> e : s.thsPerMachine().entrySet()) {
                    positive(at + ".thsPerMachine." + e.getKey(), e.getValue(), 10_000, bad);
                }
            }
            if (s.spares() != null) {
                for (Map.Entry<String, Map<String, Integer>> e : s.spares().entrySet()) {
                    if (!vendors.contains(e.getKey()) || e.getValue() == null) {
                        bad.add(new String[] {at + ".spares." + e.getKey(), "no parts are described for vendor " + e.getKey()});
                        continue;
                    }
                    for (Map.Entry<String, Integer> k : e.getValue().entrySet()) {
                        String kp = at + ".spares." + e.getKey() + "." + k.getKey();
                        if (!kinds.contains(k.getKey())) {
                            bad.add(new String[] {kp, "no part kind " + k.getKey() + " is described"});
                        }
                        count(kp, k.getValue(), 0, MAX_COUNT, bad);
                    }
                }
            }
            if (s.technicians() != null) {
                count(at + ".technicians", s.technicians(), 1, 10_000, bad);
            }
        }
        if (hubs != null) {
            for (int i = 0; i < hubs.size(); i++) {
                HubInput h = hubs.get(i);
                String at = prefix + ".hubs[" + i + "]";
                if (h == null || h.code() == null || h.code().isBlank()) {
                    bad.add(new String[] {at + ".code", "is required"});
                    continue;
                }
                if (!"VENDOR_HUB".equals(h.route()) && !"ONSHORE_PARTNER".equals(h.route())) {
                    bad.add(new String[] {at + ".route", "must be VENDOR_HUB or ONSHORE_PARTNER"});
                }
                if (h.vendors() == null || h.vendors().isEmpty() || !vendors.containsAll(h.vendors())) {
                    bad.add(new String[] {at + ".vendors", "name described vendors (" + String.join(", ", vendors) + ")"});
                }
                if (h.partKinds() == null || h.partKinds().isEmpty() || !kinds.containsAll(h.partKinds())) {
                    bad.add(new String[] {at + ".partKinds", "name described part kinds (" + String.join(", ", kinds) + ")"});
                }
                count(at + ".transitDays", h.transitDays(), 0, 365, bad);
                count(at + ".turnaroundDays", h.turnaroundDays(), 0, 365, bad);
                if (h.capacityPerWeek() != null) {
                    count(at + ".capacityPerWeek", h.capacityPerWeek(), 1, MAX_COUNT, bad);
                }
            }
        }
        if (hold != null) {
            hold.check(prefix + ".hold", bad);
        }
        if (holdOut != null) {
            holdOut.check(prefix + ".holdOut", bad);
        }
        if (warmupDays != null) {
            count(prefix + ".warmupDays", warmupDays, 0, 1095, bad);
        }
        if (swapDays != null && !(swapDays >= 0 && swapDays <= 30)) {
            bad.add(new String[] {prefix + ".swapDays", "must be between 0 and 30"});
        }
        if (freeDays != null) {
            count(prefix + ".freeDays", freeDays, 0, 365, bad);
        }
        if (storageUsdPerUnitDay != null && !(storageUsdPerUnitDay >= 0 && storageUsdPerUnitDay <= 10_000)) {
            bad.add(new String[] {prefix + ".storageUsdPerUnitDay", "must be between 0 and 10000"});
        }
        for (int i = 0; hubs != null && i < hubs.size(); i++) {
            HubInput h = hubs.get(i);
            if (h == null) {
                continue;
            }
            String at = prefix + ".hubs[" + i + "]";
            if (h.servers() != null) {
                count(at + ".servers", h.servers(), 1, 100_000, bad);
                if (h.capacityPerWeek() != null) {
                    bad.add(new String[] {at + ".capacityPerWeek", "give either servers or a weekly capacity, not both"});
                }
            }
            if (h.repair() != null) {
                h.repair().check(at + ".repair", bad);
            }
            if (h.transit() != null) {
                h.transit().check(at + ".transit", bad);
            }
        }
        return bad;
    }

    /** The engine's fleet and baseline; call {@link #validate} first. */
    public record Compiled(Fleet fleet, Baseline baseline) {
    }

    public Compiled compile() {
        List<String[]> bad = validate("fleet");
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(bad.get(0)[0] + " " + bad.get(0)[1]);
        }
        List<String> siteCodes = sites.stream().map(SiteInput::code).toList();
        List<String> vendors = vendors();
        List<String> kinds = kinds();
        int sv = siteCodes.size() * vendors.size();
        int[] machines = new int[sv];
        double[] ths = new double[sv];
        int[] sockets = new int[sv * kinds.size()];
        int[] spares = new int[sv * kinds.size()];
        int[] tech = new int[siteCodes.size()];
        Baseline.Vendorkind[] vk = new Baseline.Vendorkind[vendors.size() * kinds.size()];
        // equal bench laws (as a described fleet usually has, one per part) share one table
        java.util.Map<Law, DiscreteDuration> benchLaws = new java.util.HashMap<>();
        for (PartInput p : parts) {
            int v = vendors.indexOf(p.vendor());
            int k = kinds.indexOf(p.kind());
            // the way back: the part's own law, else the fleet's; the way out: the part's own, else the
            // fleet's outbound law, else the way back's
            Law in = p.hold();
            Law out = p.holdOut() != null ? p.holdOut() : holdOut != null && in == null ? holdOut : null;
            vk[v * kinds.size() + k] = new Baseline.Vendorkind(p.failuresPerUnitYear(), 0, or0(p.benchShare()),
                    or0(p.vendorHubShare()), or0(p.onshoreShare()), or0(p.scrapShare()), 1, 0, or0(p.heldShare()),
                    or0(p.excludedShare()), p.leadDays() == null ? 30 : p.leadDays(), 0, or0(p.heldShareOut()),
                    benchLaws.computeIfAbsent(p.bench(), Law::discrete), in == null ? null : in.survival(), out == null ? null : out.survival());
        }
        for (int i = 0; i < vk.length; i++) {
            if (vk[i] == null) { // a vendor without this kind: never fails, goes to the bench
                vk[i] = new Baseline.Vendorkind(0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 30, 0, 0, DiscreteDuration.fixed(1));
            }
        }
        Fleet shape = new Fleet(siteCodes, vendors, kinds, machines, ths, sockets, spares, List.of());
        for (int s = 0; s < siteCodes.size(); s++) {
            SiteInput in = sites.get(s);
            tech[s] = in.technicians() == null ? Fleet.UNLIMITED : in.technicians();
            for (int v = 0; v < vendors.size(); v++) {
                int idx = shape.siteVendor(s, v);
                machines[idx] = in.machines().getOrDefault(vendors.get(v), 0);
                ths[idx] = in.thsPerMachine() == null ? 100 : in.thsPerMachine().getOrDefault(vendors.get(v), 100.0);
                for (int k = 0; k < kinds.size(); k++) {
                    int c = shape.cell(s, v, k);
                    PartInput p = part(vendors.get(v), kinds.get(k));
                    sockets[c] = p == null ? 0 : machines[idx] * p.perMachine();
                    Map<String, Integer> sp = in.spares() == null ? null : in.spares().get(vendors.get(v));
                    spares[c] = sp == null ? 0 : sp.getOrDefault(kinds.get(k), 0);
                }
            }
        }
        List<Fleet.Hub> hubList = new ArrayList<>();
        List<Plan.HubState> states = new ArrayList<>();
        for (HubInput h : hubs == null ? List.<HubInput>of() : hubs) {
            int cap = h.capacityPerWeek() == null ? Integer.MAX_VALUE : h.capacityPerWeek();
            int servers = h.servers() == null ? 0 : h.servers();
            hubList.add(new Fleet.Hub(h.code(), Fleet.Route.valueOf(h.route()), h.vendors(), h.partKinds(),
                    Boolean.TRUE.equals(h.crossesBorder()), h.transitDays(), cap, h.turnaroundDays(),
                    h.transit() == null ? null : h.transit().discrete(), h.repair() == null ? null : h.repair().discrete()));
            states.add(new Plan.HubState(true, cap, h.turnaroundDays(), servers));
        }
        Fleet fleet = new Fleet(siteCodes, vendors, kinds, machines, ths, sockets, spares, hubList)
                .with(tech, swapDays == null ? 0 : swapDays, null);
        Law h = hold == null ? new Law("LOGNORMAL", 10.0, 1.0, null, null, null, null) : hold;
        boolean[] sensitive = new boolean[siteCodes.size()];
        for (int s = 0; s < sensitive.length; s++) {
            sensitive[s] = Boolean.TRUE.equals(sites.get(s).sensitive());
        }
        Baseline.Context context = new Baseline.Context(sensitive, Map.of(), Map.of(),
                freeDays == null ? 0 : freeDays, storageUsdPerUnitDay == null ? 0 : Math.round(storageUsdPerUnitDay * 100));
        return new Compiled(fleet, new Baseline(vk, h.survival(), "described: " + h.type().toLowerCase(), states,
                context));
    }

    private PartInput part(String vendor, String kind) {
        for (PartInput p : parts) {
            if (p.vendor().equals(vendor) && p.kind().equals(kind)) {
                return p;
            }
        }
        return null;
    }
}
