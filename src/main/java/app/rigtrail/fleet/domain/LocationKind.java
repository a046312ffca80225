package app.rigtrail.fleet.domain;

/** Where a serialized component is: in a miner's slot, or one of the places later features use. */
public enum LocationKind {
    INSTALLED("In a miner"), STOCK("In stock"), SHIPMENT("On a shipment"), CUSTOMS_HOLD("Held by customs"),
    HUB("At a repair hub"), SCRAPPED("Scrapped");

    private final String label;

    LocationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
