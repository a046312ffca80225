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
}
