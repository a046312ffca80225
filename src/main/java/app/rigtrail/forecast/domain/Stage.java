package app.rigtrail.forecast.domain;

/**
 * Where a failed part (or the machine waiting for it) is on a given day. The first nine are the
 * dashboard's backlog stages under the same names ({@code availability.domain.BacklogStage}, tested
 * to agree), counted the same way: an open RMA case at its part's stage, a ticket without one at its
 * machine's. The engine adds two the dashboard does not show.
 */
public enum Stage {
    /** Machines failed and waiting for a technician to diagnose them and swap the part. */
    AWAITING_DIAGNOSIS,
    /** Tickets waiting for a spare whose failed part is not in the repair pipeline (scrapped or unknown). */
    AWAITING_SPARE,
    BENCH_REPAIR,
    AWAITING_RMA_SHIPMENT,
    /** On the way to a hub. */
    IN_TRANSIT,
    /** Held at the border, on the way out or back. */
    CUSTOMS_HOLD,
    HUB_QUEUE,
    HUB_REPAIR,
    /** On the way back from a hub. */
    RETURNING,
    /** Replacements bought for scrapped or excluded parts, and open purchase orders, not yet received. */
    ON_ORDER,
    /** Parts gone for good: scrapped or excluded when no replacement may be ordered (cumulative). */
    LOST
}
