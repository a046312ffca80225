package app.rigtrail.fleet.domain;

public enum Vendor {
    BITMAIN, MICROBT, CANAAN, OTHER
}
