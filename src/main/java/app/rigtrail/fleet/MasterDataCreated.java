package app.rigtrail.fleet;

/**
 * A site or a repair hub was created (#13 item 2), fired synchronously in the creating transaction, so
 * that features keeping something per site or hub add it without fleet depending on them (inventory
 * gives a site its store and lab, a hub its stock location).
 */
public record MasterDataCreated(Kind kind, long id, String code, String name) {

    public enum Kind {
        SITE, HUB
    }
}
