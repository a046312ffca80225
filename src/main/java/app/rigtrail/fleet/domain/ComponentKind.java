package app.rigtrail.fleet.domain;

public enum ComponentKind {
    HASHBOARD, FAN, PSU, CONTROL_BOARD
}
