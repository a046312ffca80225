package app.rigtrail.logistics.domain;

public enum HoldOutcome {
    RELEASED, EXCLUDED, RE_EXPORTED, SEIZED, ABANDONED
}
