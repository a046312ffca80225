package app.rigtrail.forecast.domain;

import java.util.List;

/**
 * The fleet a forecast starts from, as primitive arrays: per site and vendor ("sv" = site x vendors
 * + vendor) the machines and their mean nameplate hashrate; per pool ("cell" = sv x kinds + kind)
 * the installed sockets of that part kind and the spares on the shelf; and the repair hubs.
 */
public record Fleet(List<String> sites, List<String> vendors, List<String> partKinds, int[] machines,
        double[] thsPerMachine, int[] sockets, int[] spares, List<Hub> hubs, int[] technicians, double swapDays,
        LiveState live, boolean finiteSource, int[] shipEveryDays) {

    public Fleet(List<String> sites, List<String> vendors, List<String> partKinds, int[] machines,
            double[] thsPerMachine, int[] sockets, int[] spares, List<Hub> hubs, int[] technicians, double swapDays,
            LiveState live, boolean finiteSource) {
        this(sites, vendors, partKinds, machines, thsPerMachine, sockets, spares, hubs, technicians, swapDays, live,
                finiteSource, null);
    }

    /** What one technician diagnoses and swaps in a day (domain.md: about 10 miners). */
    public static final int MACHINES_PER_TECHNICIAN_DAY = 10;
    /** No limit on a site's technicians. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** A fleet with unlimited technicians, instant swaps and an empty pipeline on day 0. */
    public Fleet(List<String> sites, List<String> vendors, List<String> partKinds, int[] machines,
            double[] thsPerMachine, int[] sockets, int[] spares, List<Hub> hubs) {
        this(sites, vendors, partKinds, machines, thsPerMachine, sockets, spares, hubs, null, 0, null, true);
    }

    /** The same fleet with these technicians per site, diagnosis-and-swap days and day-0 state. */
    public Fleet with(int[] technicians, double swapDays, LiveState live) {
        return new Fleet(sites, vendors, partKinds, machines, thsPerMachine, sockets, spares, hubs, technicians,
                swapDays, live, finiteSource, shipEveryDays);
    }

    /**
     * The same fleet shipping to hubs on its own cadence per site and route: {@code days[site * 2 +
     * route]} (route 0 vendor hubs, 1 onshore partners), 1 (daily) to 28; null: the forecast's setting.
     */
    public Fleet shippingEvery(int[] days) {
        return new Fleet(sites, vendors, partKinds, machines, thsPerMachine, sockets, spares, hubs, technicians,
                swapDays, live, finiteSource, days);
    }

    /** Days between shipments from a site on a route, or the given default. */
    public int shipEvery(int site, int route, int otherwise) {
        return shipEveryDays == null ? otherwise : shipEveryDays[site * 2 + route];
    }

    /**
     * The same fleet where a down machine's parts go on failing (the textbook's infinite source, under
     * which Palm's theorem and the M/G/inf transient are exact): for validating against them only.
     */
    public Fleet infiniteSource() {
        return new Fleet(sites, vendors, partKinds, machines, thsPerMachine, sockets, spares, hubs, technicians,
                swapDays, live, false, shipEveryDays);
    }

    /** Machines a site's technicians diagnose and swap per day. */
    public int diagnosesPerDay(int site) {
        if (technicians == null || technicians[site] == UNLIMITED) {
            return UNLIMITED;
        }
        return technicians[site] * MACHINES_PER_TECHNICIAN_DAY;
    }

    public enum Route {
        VENDOR_HUB, ONSHORE_PARTNER
    }

    /**
     * A repair hub: which route it serves, for which vendors and part kinds, and its shipping times:
     * each leg's transit drawn from {@code transitLaw} (fixed {@code transitDays} without one), and a
     * repair time drawn from {@code repairLaw} when the hub works as parallel servers (fixed at the
     * period's turnaround without one).
     */
    public record Hub(String code, Route route, List<String> vendors, List<String> partKinds, boolean crossesBorder,
            int transitDays, int capacityPerWeek, int turnaroundDays, DiscreteDuration transitLaw,
            DiscreteDuration repairLaw) {

        public Hub(String code, Route route, List<String> vendors, List<String> partKinds, boolean crossesBorder,
                int transitDays, int capacityPerWeek, int turnaroundDays) {
            this(code, route, vendors, partKinds, crossesBorder, transitDays, capacityPerWeek, turnaroundDays, null,
                    null);
        }

        /** One leg's transit days for a uniform u: the law's draw, or the fixed days. */
        public int transit(double u) {
            return transitLaw == null ? transitDays : transitLaw.sample(u);
        }

        /** The mean transit days of a leg. */
        public double meanTransit() {
            return transitLaw == null ? transitDays : transitLaw.mean();
        }

        public boolean takes(String vendor, String partKind) {
            return vendors.contains(vendor) && partKinds.contains(partKind);
        }
    }

    public Fleet {
        int sv = sites.size() * vendors.size();
        int cells = sv * partKinds.size();
        if (machines.length != sv || thsPerMachine.length != sv || sockets.length != cells || spares.length != cells) {
            throw new IllegalArgumentException("array sizes do not match sites x vendors x part kinds");
        }
        if (technicians != null && technicians.length != sites.size()) {
            throw new IllegalArgumentException("one technician count per site");
        }
        if (swapDays < 0 || Double.isNaN(swapDays)) {
            throw new IllegalArgumentException("swap days must be at least 0");
        }
        if (shipEveryDays != null) {
            if (shipEveryDays.length != sites.size() * 2) {
                throw new IllegalArgumentException("one shipping cadence per site and route");
            }
            for (int d : shipEveryDays) {
                if (d < 1 || d > 28) {
                    throw new IllegalArgumentException("shipping cadence must be 1 to 28 days");
                }
            }
        }
    }

    public int siteVendor(int site, int vendor) {
        return site * vendors.size() + vendor;
    }

    public int cell(int site, int vendor, int kind) {
        return siteVendor(site, vendor) * partKinds.size() + kind;
    }

    public int cells() {
        return sockets.length;
    }

    public long totalMachines() {
        long n = 0;
        for (int m : machines) {
            n += m;
        }
        return n;
    }

    public double nameplateThs() {
        double t = 0;
        for (int i = 0; i < machines.length; i++) {
            t += machines[i] * thsPerMachine[i];
        }
        return t;
    }
}
