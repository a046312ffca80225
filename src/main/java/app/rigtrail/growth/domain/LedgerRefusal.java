package app.rigtrail.growth.domain;

/** A movement or a change the order's rules do not allow, with the input field it is about. */
public class LedgerRefusal extends RuntimeException {

    private final String field;

    public LedgerRefusal(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
