package app.rigtrail.fleet.domain;

public enum ComponentKind {
    HASHBOARD("Hashboard"), FAN("Fan"), PSU("PSU"), CONTROL_BOARD("Control board");

    private final String label;

    ComponentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
