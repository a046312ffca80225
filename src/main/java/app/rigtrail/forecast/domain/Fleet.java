package app.rigtrail.forecast.domain;

import java.util.List;

/**
 * The fleet a forecast starts from, as primitive arrays: per site and vendor ("sv" = site x vendors
 * + vendor) the machines and their mean nameplate hashrate; per pool ("cell" = sv x kinds + kind)
 * the installed sockets of that part kind and the spares on the shelf; and the repair hubs.
 */
public record Fleet(List<String> sites, List<String> vendors, List<String> partKinds, int[] machines,
        double[] thsPerMachine, int[] sockets, int[] spares, List<Hub> hubs) {

    public enum Route {
        VENDOR_HUB, ONSHORE_PARTNER
    }

    /** A repair hub: which route it serves, for which vendors and part kinds, and its shipping times. */
    public record Hub(String code, Route route, List<String> vendors, List<String> partKinds, boolean crossesBorder,
            int transitDays, int capacityPerWeek, int turnaroundDays) {

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
