package app.rigtrail.alerts.domain;

/** What an alert is about, in the users' words. */
public enum AlertKind {
    RELEASE_CLOCK("Hold not released in time", "A customs hold passed the 5 business days CBP has to release or detain"),
    NOTICE_CLOCK("No notice of detention", "A detained shipment got no notice of detention within 5 more business days"),
    DEEMED_EXCLUSION("Deemed excluded", "30 days after presentation without a decision: the goods are deemed excluded"),
    LAST_FREE_DAY("Storage fees running", "A held shipment passed its last free day at the port"),
    LOW_STOCK("Low spare stock", "A spare part's stock position fell to its reorder point"),
    DOA_WINDOW_CLOSING("Dead-on-arrival window closing", "A failed part's dead-on-arrival claim window closes soon"),
    PART_ARRIVED("Part arrived for a waiting ticket", "A spare was received and reserved for a ticket waiting on it");

    private final String label;
    private final String description;

    AlertKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** For templates. */
    public String getLabel() {
        return label;
    }

    public String getDescription() {
        return description;
    }
}
