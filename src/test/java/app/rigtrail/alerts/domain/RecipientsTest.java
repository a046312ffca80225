package app.rigtrail.alerts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import app.rigtrail.alerts.domain.Recipients.Subscription;

class RecipientsTest {

    static final List<Subscription> SUBS = List.of(
            new Subscription("mgr", "Mgr@Example.com", AlertKind.LAST_FREE_DAY, null),
            new Subscription("mgr", "mgr@example.com", AlertKind.LAST_FREE_DAY, 1L),
            new Subscription("tech-tx", "tx@example.com", AlertKind.LAST_FREE_DAY, null),
            new Subscription("tech-tx", "tx@example.com", AlertKind.LOW_STOCK, 2L),
            new Subscription("tech-nd", "nd@example.com", AlertKind.LAST_FREE_DAY, 1L),
            new Subscription("gone", "gone@example.com", AlertKind.LAST_FREE_DAY, null));
    static final Map<String, Set<Long>> SITES = Map.of("tech-tx", Set.of(1L, 2L), "tech-nd", Set.of(3L));

    @Test
    void eachMatchingUserWhoMaySeeTheSiteIsMailedOncePerAddress() {
        assertEquals(List.of("mgr@example.com", "tx@example.com"),
                Recipients.emails(AlertKind.LAST_FREE_DAY, 1L, SUBS, SITES, Set.of("mgr")));
    }

    @Test
    void aTechnicianTakenOffASiteIsNotToldAboutIt() {
        // tech-nd still has a subscription to site 1 but is assigned only site 3 now
        assertFalse(Recipients.emails(AlertKind.LAST_FREE_DAY, 1L, SUBS, SITES, Set.of("mgr")).contains("nd@example.com"));
        // and a user nobody knows any more gets nothing
        assertFalse(Recipients.emails(AlertKind.LAST_FREE_DAY, 3L, SUBS, SITES, Set.of("mgr")).contains("gone@example.com"));
    }

    @Test
    void theKindAndTheSiteBothHaveToMatch() {
        assertEquals(List.of("tx@example.com"), Recipients.emails(AlertKind.LOW_STOCK, 2L, SUBS, SITES, Set.of("mgr")));
        assertEquals(List.of(), Recipients.emails(AlertKind.LOW_STOCK, 1L, SUBS, SITES, Set.of("mgr")));
        // an alert of no site reaches only those who see every site
        assertEquals(List.of("mgr@example.com"), Recipients.emails(AlertKind.LAST_FREE_DAY, null, SUBS, SITES, Set.of("mgr")));
    }

    @Test
    void addressesAndRequestsAreChecked() {
        assertTrue(Recipients.plausibleEmail("a.b@example.co"));
        assertFalse(Recipients.plausibleEmail("not an address"));
        assertFalse(Recipients.plausibleEmail("a@b"));
        assertThrows(IllegalArgumentException.class, () -> new AlertRequest(AlertKind.LOW_STOCK, " ", 1L, "t", "d", null));
        assertThrows(IllegalArgumentException.class,
                () -> new AlertRequest(AlertKind.LOW_STOCK, "k", 1L, "t", "d", "https://elsewhere.example"));
        assertEquals(2000, new AlertRequest(AlertKind.LOW_STOCK, "k", 1L, "t", "x".repeat(5000), null).detail().length());
    }
}
