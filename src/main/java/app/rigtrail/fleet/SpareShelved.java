package app.rigtrail.fleet;

/**
 * A serialized part was put on a site's spares shelf (received from a supplier, back from a hub, or
 * returned to stock). Fired by {@link Genealogy} inside the move's transaction, so a ticket waiting
 * for such a part can reserve it in the same transaction.
 */
public record SpareShelved(long componentId, long siteId) {
}
