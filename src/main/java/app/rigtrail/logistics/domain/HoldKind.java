package app.rigtrail.logistics.domain;

/** Why customs holds a shipment. Holds made for another agency are not bound by CBP's clocks. */
public enum HoldKind {
    CBP_NON_INTRUSIVE, CBP_TAILGATE, CBP_INTENSIVE, OTHER_AGENCY, UFLPA_DETENTION, TARIFF_REVIEW, ENTITY_LIST_REVIEW,
    MANIFEST;

    public boolean boundByCbpClocks() {
        return this != OTHER_AGENCY;
    }

    /** The kind of hold in the users' words. */
    public String label() {
        return switch (this) {
            case CBP_NON_INTRUSIVE -> "CBP exam: non-intrusive (X-ray/VACIS)";
            case CBP_TAILGATE -> "CBP exam: tailgate";
            case CBP_INTENSIVE -> "CBP exam: intensive";
            case OTHER_AGENCY -> "Held for another agency (e.g. FCC)";
            case UFLPA_DETENTION -> "Forced-labour (UFLPA) detention";
            case TARIFF_REVIEW -> "Tariff or trade-remedy review";
            case ENTITY_LIST_REVIEW -> "Entity-list or licence review";
            case MANIFEST -> "Manifest hold";
        };
    }
}
