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
    SCRAP
}
