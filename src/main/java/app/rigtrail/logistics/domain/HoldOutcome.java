package app.rigtrail.logistics.domain;

public enum HoldOutcome {
    RELEASED, EXCLUDED, RE_EXPORTED, SEIZED, ABANDONED;

    /** The outcome in the users' words. */
    public String label() {
        return switch (this) {
            case RELEASED -> "Released";
            case EXCLUDED -> "Excluded";
            case RE_EXPORTED -> "Re-exported";
            case SEIZED -> "Seized";
            case ABANDONED -> "Abandoned";
        };
    }
}
