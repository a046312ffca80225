package app.rigtrail.fleet.domain;

public enum Vendor {
    BITMAIN("Bitmain"), MICROBT("MicroBT"), CANAAN("Canaan"), OTHER("Other vendor");

    private final String label;

    Vendor(String label) {
        this.label = label;
    }

    /** The vendor's name as people write it. */
    public String label() {
        return label;
    }
}
