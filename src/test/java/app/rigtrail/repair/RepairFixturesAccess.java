package app.rigtrail.repair;

/** Lets tests of other features pick fresh miners the way the repair tests do. */
public final class RepairFixturesAccess {

    private RepairFixturesAccess() {
    }

    public static long freshMiner(String site) {
        return RepairFixtures.freshMiner(site);
    }

    public static long componentOf(long miner, String kind) {
        return RepairFixtures.componentOf(miner, kind);
    }

    /** A fresh ticket at TX1 sent under RMA; returns its RMA case's id. */
    public static long rmaCase(String symptom) {
        return RmaClaimPagesTest.rmaCase(symptom)[0];
    }
}
