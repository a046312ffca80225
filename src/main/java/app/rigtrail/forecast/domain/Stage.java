package app.rigtrail.forecast.domain;

/** Where a failed part (or the machine waiting for it) is on a given day. */
public enum Stage {
    /** Machines down because no spare was on the shelf: the backorders. */
    AWAITING_SPARE,
    BENCH_REPAIR,
    AWAITING_SHIPMENT,
    IN_TRANSIT_OUT,
    HUB_QUEUE,
    HUB_REPAIR,
    IN_TRANSIT_BACK,
    CUSTOMS_HOLD,
    /** Replacements bought for scrapped or excluded parts, not yet received. */
    ON_ORDER,
    /** Parts gone for good: scrapped or excluded when no replacement may be ordered (cumulative). */
    LOST
}
