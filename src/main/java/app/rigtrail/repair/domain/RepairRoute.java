package app.rigtrail.repair.domain;

/** What is done with a failed part. */
public enum RepairRoute {
    /** Replace it with a spare from the site's stock. */
    SWAP,
    /** Repair it on the site's bench. */
    BENCH,
    /** Send it to a repair hub under the vendor's RMA process. */
    RMA,
    /** Write it off. */
    SCRAP;

    /** The route in the users' words. */
    public String label() {
        return switch (this) {
            case SWAP -> "Swap from spare stock";
            case BENCH -> "Repair on the site's bench";
            case RMA -> "Send to a hub under RMA";
            case SCRAP -> "Scrap the part";
        };
    }
}
