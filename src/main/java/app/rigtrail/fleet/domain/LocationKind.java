package app.rigtrail.fleet.domain;

/** Where a serialized component is: in a miner's slot, or one of the places later features use. */
public enum LocationKind {
    INSTALLED, STOCK, SHIPMENT, CUSTOMS_HOLD, HUB, SCRAPPED
}
