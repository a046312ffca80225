package app.rigtrail.logistics.domain;

/** Why customs holds a shipment. Holds made for another agency are not bound by CBP's clocks. */
public enum HoldKind {
    CBP_NON_INTRUSIVE, CBP_TAILGATE, CBP_INTENSIVE, OTHER_AGENCY, UFLPA_DETENTION, TARIFF_REVIEW, ENTITY_LIST_REVIEW,
    MANIFEST;

    public boolean boundByCbpClocks() {
        return this != OTHER_AGENCY;
    }
}
